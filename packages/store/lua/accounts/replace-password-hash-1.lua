--[[
replace-password-hash: compare-and-set an account's password hash, used to move a
hash to the current algorithm after a successful sign-in. Only if the stored
hash is still the one that was verified, so a concurrent change always wins.

KEYS[1] account:{<playerId>}
ARGV[1] the hash that was verified
ARGV[2] the new hash

Returns {1} replaced, {0} the stored hash changed meanwhile (nothing written).
]]
if redis.call('HGET', KEYS[1], 'passwordHash') ~= ARGV[1] then return {0} end
redis.call('HSET', KEYS[1], 'passwordHash', ARGV[2])
return {1}
