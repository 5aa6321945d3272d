-- Turn a queue entry into a tombstone (state dead, reason, TTL): its lobby goes idle.
-- Removes it from every index; the tombstone fences any late step for this ticket.
-- `by` (optional, a list of player ids): who caused it (the member who cancelled, the
-- player who declined or did not accept); kept on the tombstone as JSON (`by`) so the
-- lobby mirror names them, and carried by the `left` event.
-- `quiet` (optional): publish no `left` event (the caller publishes one event naming every
-- player instead, e.g. end-game's `game_over`).
local MM_TOMBSTONE_MS = 3600000
local function mmKillTicket(t, reason, now, result, by, quiet)
  local q = KEYS[1]
  local k = q .. ':t:' .. t
  local f = redis.call('HMGET', k, 'state', 'size', 'players', 'lobby')
  local state = f[1]
  if state == 'dead' then return false end
  if state == 'queued' then
    if redis.call('ZREM', q .. ':waiting', t) == 1 then
      redis.call('HINCRBY', q .. ':stats', 'searching', -(tonumber(f[2]) or 0))
    end
  end
  redis.call('ZREM', q .. ':alive', t)
  local players = {}
  if f[3] then
    players = cjson.decode(f[3])
    for _, p in ipairs(players) do
      if redis.call('HGET', q .. ':pt', p) == t then redis.call('HDEL', q .. ':pt', p) end
    end
  end
  redis.call('HSET', k, 'state', 'dead', 'reason', reason, 'pm', '', 'diedAt', now)
  if result and result ~= '' then redis.call('HSET', k, 'result', result) end
  if by and #by > 0 then redis.call('HSET', k, 'by', cjson.encode(by)) end
  redis.call('HINCRBY', k, 'seq', 1)
  redis.call('PEXPIRE', k, MM_TOMBSTONE_MS)
  if #players > 0 and not quiet then
    local event = { type = 'left', mode = string.sub(q, 4, -2), ticket = t, lobbyId = f[4] or '', players = players, reason = reason }
    if by and #by > 0 then event.by = by end
    mmPublish(event)
  end
  return true
end
