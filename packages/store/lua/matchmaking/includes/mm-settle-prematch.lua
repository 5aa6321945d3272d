-- End a ready check that failed: tickets in `failed` (set: ticket -> true) die with
-- `reason` (their lobbies go idle), the others return to the queue keeping
-- their original queuedAt. Deletes the prematch.
local function mmSettlePrematch(pmId, failed, reason, now)
  local q = KEYS[1]
  local pk = q .. ':pm:' .. pmId
  local tickets = cjson.decode(redis.call('HGET', pk, 'tickets'))
  local players = cjson.decode(redis.call('HGET', pk, 'players'))
  for _, t in ipairs(tickets) do
    if failed[t] then
      mmKillTicket(t, reason, now, nil)
    else
      mmRequeueTicket(t, now)
    end
    mmAffect(t, now)
  end
  redis.call('DEL', pk, pk .. ':acc')
  redis.call('ZREM', q .. ':deadlines', pmId)
  local why = reason
  if why ~= 'declined' and why ~= 'timeout' then why = 'cancelled' end
  mmPublish({ type = 'ready_failed', mode = string.sub(q, 4, -2), pm = pmId, players = players, reason = why })
end
