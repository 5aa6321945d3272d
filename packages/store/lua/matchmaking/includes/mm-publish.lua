-- SPUBLISH a compact event on the queue's sharded channel (same hash tag as KEYS[1]).
-- At-most-once: a hint for Corals, never the state.
-- The channel is the store's `channels.queueEvents(mode)` (`{q:<mode>}:events`); the event is a
-- table tagged `type`, shaped as the protocol's queue-event schema (protocol/src/queue/events.ts),
-- which the store's decoder checks on the way in.
local function mmPublish(event)
  redis.call('SPUBLISH', KEYS[1] .. ':events', cjson.encode(event))
end
