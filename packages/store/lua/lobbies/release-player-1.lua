--[[
release-player: clear the player's lobby pointer, only if it still points at
this lobby (and, when given, still carries this claim nonce): a compare-and-
delete, so a late release never erases a newer claim.

KEYS[1] player:{p}
ARGV[1] lobbyId   ARGV[2] claim nonce or '' (any)

Returns {1} when cleared, {0} when the pointer was elsewhere.
]]
local current = redis.call('HGET', KEYS[1], 'lobby')
if current ~= ARGV[1] then return {0} end
if ARGV[2] ~= '' and redis.call('HGET', KEYS[1], 'lobbyClaim') ~= ARGV[2] then return {0} end
redis.call('HDEL', KEYS[1], 'lobby', 'lobbyClaim', 'lobbyClaimAt')
return {1}
