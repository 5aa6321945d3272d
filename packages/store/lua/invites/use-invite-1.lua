--[[
use-invite: spend one use of an invite token.

KEYS[1] invite:{<tokenHash>}
ARGV[1] now (ms)

Returns {1, lobbyId}; {-10} INVITE_INVALID {-8} INVITE_REVOKED {-11} INVITE_EXPIRED {-12} INVITE_USED_UP
]]
if redis.call('EXISTS', KEYS[1]) == 0 then return {-10} end
local f = redis.call('HMGET', KEYS[1], 'lobbyId', 'expiresAt', 'usesLeft', 'revoked')
if f[4] == '1' then return {-8} end
if tonumber(ARGV[1]) >= tonumber(f[2]) then return {-11} end
if tonumber(f[3]) <= 0 then return {-12} end
redis.call('HINCRBY', KEYS[1], 'usesLeft', -1)
return {1, f[1]}
