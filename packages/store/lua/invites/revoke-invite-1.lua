--[[
revoke-invite: mark a token revoked (rotation, lobby closed). The record is
kept until its TTL so a late use is answered INVITE_REVOKED, not INVITE_INVALID.

KEYS[1] invite:{<tokenHash>}
Returns {1} revoked, {0} no such record.
]]
if redis.call('EXISTS', KEYS[1]) == 0 then return {0} end
redis.call('HSET', KEYS[1], 'revoked', '1')
return {1}
