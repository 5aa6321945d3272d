--[[
  The leader's read of the waiting tickets in one round trip: every waiting
  ticket with its score (queuedAt), oldest first, plus the details of those
  scored at or after ARGV[1], the newest score the leader saw last time (the
  arrivals since). Waiting tickets the leader holds no details for and that
  are older (a requeue keeps its queue time; a new leader) it reads apart.
  KEYS[1] {q:<mode>}
  ARGV[1] since: a score (ms), or '-inf' for every ticket's details
  Returns a flat array: status n (>= 0, the number waiting), then n pairs (ticket, score), then for each recent
  ticket 9 values (ticket, lobby, size, rating, queuedAt, players, sigma, lat, lastMoveAt; '' when missing).
]]
local q = KEYS[1]
local flat = redis.call('ZRANGE', q .. ':waiting', 0, -1, 'WITHSCORES')
local out = { #flat / 2 }
for i = 1, #flat do out[#out + 1] = flat[i] end
local recent = redis.call('ZRANGE', q .. ':waiting', ARGV[1], '+inf', 'BYSCORE')
for _, t in ipairs(recent) do
  local f = redis.call('HMGET', q .. ':t:' .. t, 'lobby', 'size', 'rating', 'queuedAt', 'players', 'sigma', 'lat', 'lastMoveAt')
  out[#out + 1] = t
  for j = 1, 8 do out[#out + 1] = f[j] or '' end
end
return out
