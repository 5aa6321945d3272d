--[[
  Acquire or renew the matchmaker leader lease of one queue. A new holder
  increments the fencing epoch, which every claim and sweep script checks.
  KEYS[1] {q:<mode>}
  ARGV[1] owner id (unique per process)   ARGV[2] ttl ms
  Returns {1, epoch} leader; {0, epoch} someone else holds it.
]]
local q = KEYS[1]
local holder = redis.call('GET', q .. ':lease')
local current = redis.call('GET', q .. ':epoch')
if holder == ARGV[1] and current then
  redis.call('PEXPIRE', q .. ':lease', ARGV[2])
  return { 1, tonumber(current) }
end
if holder and holder ~= ARGV[1] then return { 0, tonumber(current or '0') } end
-- Free (or ours but the epoch vanished): take it under a new epoch.
local epoch = redis.call('INCR', q .. ':epoch')
redis.call('SET', q .. ':lease', ARGV[1], 'PX', ARGV[2])
return { 1, epoch }
