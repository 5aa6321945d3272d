--[[
  Keep-alive: the Coral holding these players' sockets saw them now. Refreshes
  the last-seen time of the queued ticket each player is in (if any).
  KEYS[1] {q:<mode>}
  ARGV[1] now   ARGV[2..] player ids
  Returns {n}: the number of tickets refreshed.
]]
local q = KEYS[1]
local n = 0
for i = 2, #ARGV do
  local t = redis.call('HGET', q .. ':pt', ARGV[i])
  if t then n = n + redis.call('ZADD', q .. ':alive', 'XX', 'GT', 'CH', ARGV[1], t) end
end
return {n}
