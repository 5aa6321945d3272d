-- Tombstone a queue entry silently (state dead, reason, TTL) for the halves of a move
-- (queues-001 section 4): no lobby mirror (the lobby never points at it, or points at
-- the other half already) and no `left` event (its players did not leave the queue).
-- Removes it from every index of this slot. Returns false when already dead.
local MM_DROP_TOMBSTONE_MS = 3600000
local function mmDropEntry(t, reason, now)
  local q = KEYS[1]
  local k = q .. ':t:' .. t
  local f = redis.call('HMGET', k, 'state', 'size', 'players')
  if f[1] == 'dead' then return false end
  if redis.call('ZREM', q .. ':waiting', t) == 1 then
    redis.call('HINCRBY', q .. ':stats', 'searching', -(tonumber(f[2]) or 0))
  end
  redis.call('ZREM', q .. ':alive', t)
  redis.call('ZREM', q .. ':outbox', t)
  if f[3] then
    local ok, players = pcall(cjson.decode, f[3])
    if ok and type(players) == 'table' then
      for _, p in ipairs(players) do
        if redis.call('HGET', q .. ':pt', p) == t then redis.call('HDEL', q .. ':pt', p) end
      end
    end
  end
  redis.call('HSET', k, 'state', 'dead', 'reason', reason, 'pm', '', 'diedAt', now)
  redis.call('HINCRBY', k, 'seq', 1)
  redis.call('PEXPIRE', k, MM_DROP_TOMBSTONE_MS)
  return true
end
