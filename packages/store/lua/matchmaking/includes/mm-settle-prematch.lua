-- End a ready check that failed: tickets in `failed` (set: ticket -> true) die with
-- `reason` (their lobbies go idle), the others return to the queue keeping
-- their original queuedAt. Deletes the prematch. `by`: the players who caused it
-- (declined, did not accept, cancelled); each dying ticket keeps those of its own
-- players, and the `ready_failed` event carries them all.
local function mmSettlePrematch(pmId, failed, reason, now, by)
  local q = KEYS[1]
  local pk = q .. ':pm:' .. pmId
  local tickets = cjson.decode(redis.call('HGET', pk, 'tickets'))
  local players = cjson.decode(redis.call('HGET', pk, 'players'))
  for _, t in ipairs(tickets) do
    if failed[t] then
      local own = {}
      local tp = redis.call('HGET', q .. ':t:' .. t, 'players')
      if tp then
        for _, p in ipairs(cjson.decode(tp)) do
          for _, b in ipairs(by) do
            if b == p then own[#own + 1] = p end
          end
        end
      end
      mmKillTicket(t, reason, now, nil, own)
    else
      mmRequeueTicket(t, now)
    end
    -- A requeued lobby is mirrored too, though it reads `queued` already (a ready check is not
    -- mirrored): its new `stateSince` is how a launcher that missed match.cancelled learns the
    -- ready check on its screen is over (queue-slice.ts, olderThanReadyCheck).
    mmAffect(t, now)
  end
  redis.call('DEL', pk, pk .. ':acc')
  redis.call('ZREM', q .. ':deadlines', pmId)
  local why = reason
  if why ~= 'declined' and why ~= 'timeout' then why = 'cancelled' end
  local event = { type = 'ready_failed', mode = string.sub(q, 4, -2), pm = pmId, players = players, reason = why }
  if #by > 0 then event.by = by end
  mmPublish(event)
end
