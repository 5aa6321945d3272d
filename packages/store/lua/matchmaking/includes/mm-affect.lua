-- Record a queue entry whose state changed: its lobby mirror is due. The entry
-- also goes into the outbox (score = now) until the caller confirms the mirror,
-- so a crash between the two slots is repaired by the sweeper.
local function mmAffect(t, now)
  local k = KEYS[1] .. ':t:' .. t
  local f = redis.call('HMGET', k, 'lobby', 'seq', 'state', 'reason', 'result', 'by')
  redis.call('ZADD', KEYS[1] .. ':outbox', now, t)
  MM_AFFECTED[#MM_AFFECTED + 1] = { t, f[1] or '', tonumber(f[2]) or 0, f[3] or 'dead', f[4] or '', f[5] or '', f[6] or '' }
end
