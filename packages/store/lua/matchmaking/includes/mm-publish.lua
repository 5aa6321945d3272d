-- SPUBLISH a compact event on the queue's sharded channel (same hash tag as KEYS[1]).
-- At-most-once: a hint for Corals, never the state.
local function mmPublish(event)
  redis.call('SPUBLISH', KEYS[1] .. ':events', cjson.encode(event))
end
