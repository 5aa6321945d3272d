-- Put a ticket from a failed prematch back in the queue with its ORIGINAL queuedAt.
local function mmRequeueTicket(t, now)
  local q = KEYS[1]
  local k = q .. ':t:' .. t
  local f = redis.call('HMGET', k, 'queuedAt', 'size', 'players', 'lobby')
  redis.call('HSET', k, 'state', 'queued', 'pm', '')
  redis.call('HINCRBY', k, 'seq', 1)
  redis.call('ZADD', q .. ':waiting', tonumber(f[1]), t)
  redis.call('ZADD', q .. ':alive', now, t)
  redis.call('HINCRBY', q .. ':stats', 'searching', tonumber(f[2]) or 0)
  mmPublish({ type = 'requeued', mode = string.sub(q, 4, -2), ticket = t, lobbyId = f[4] or '', players = cjson.decode(f[3]), queuedAt = tonumber(f[1]) })
end
