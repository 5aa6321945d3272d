--[[
refund-invite: give back the use spent by a join that then failed (full lobby,
not idle), so a failed attempt does not use up the token.

KEYS[1] invite:{<tokenHash>}
Returns {1} refunded, {0} the record is gone.
]]
if redis.call('EXISTS', KEYS[1]) == 0 then return {0} end
redis.call('HINCRBY', KEYS[1], 'usesLeft', 1)
return {1}
