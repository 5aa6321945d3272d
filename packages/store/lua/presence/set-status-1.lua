--[[
set-status: compare-and-set the presence last announced for a player, so
only the instance that actually changes it publishes the change.

KEYS[1] presence:{p}
ARGV[1] new status
Returns {1, previous status ('' when none)} changed, {0} unchanged.
]]
local previous = redis.call('HGET', KEYS[1], 'status')
if previous == ARGV[1] then return {0} end
redis.call('HSET', KEYS[1], 'status', ARGV[1])
return {1, previous or ''}
