--[[
settle-deadline: remove a player from the sweep index only if their deadline
has not been pushed forward meanwhile by a heartbeat on another instance.

KEYS[1] {presence}:deadlines
ARGV[1] playerId  ARGV[2] now
Returns {1} removed, {0} kept (a newer deadline).
]]
local score = redis.call('ZSCORE', KEYS[1], ARGV[1])
if not score or tonumber(score) > tonumber(ARGV[2]) then return {0} end
redis.call('ZREM', KEYS[1], ARGV[1])
return {1}
