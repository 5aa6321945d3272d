--[[
revoke-invite: mark a token revoked (rotation, kick, lobby closed). The record
is kept a short while (ARGV[1], or less if its TTL is shorter) so a late use is
answered INVITE_REVOKED, not INVITE_INVALID, without a day-long key per rotation.

KEYS[1] invite:{<tokenHash>}
ARGV[1] keep ms after revocation
Returns {1} revoked, {0} no such record.
]]
if redis.call('EXISTS', KEYS[1]) == 0 then return {0} end
redis.call('HSET', KEYS[1], 'revoked', '1')
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 or ttl > tonumber(ARGV[1]) then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return {1}
