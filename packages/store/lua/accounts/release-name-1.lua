--[[
release-name: compare-and-delete a display-name claim, used to reclaim a name
whose account record never landed (a crash during register) or to undo a
claim whose account write failed.

KEYS[1] account:name:{<lowercase name>}
ARGV[1] the player id the claim must still name

Returns {1} released, {0} it names someone else (or nothing).
]]
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return {0} end
redis.call('DEL', KEYS[1])
return {1}
