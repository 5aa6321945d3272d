--[[
befriend: the requester's side of an accepted request (second step). Drops
the outgoing request and records the friendship, unless they have since
blocked the accepter.

KEYS[1] player:{b}:friends  KEYS[2] player:{b}:friends:in  KEYS[3] player:{b}:friends:out  KEYS[4] player:{b}:blocked
ARGV[1] accepter id  ARGV[2] now

Returns {1}; {-13} BLOCKED
]]
local a = ARGV[1]
redis.call('HDEL', KEYS[3], a)
redis.call('HDEL', KEYS[2], a)
if redis.call('HEXISTS', KEYS[4], a) == 1 then return {-13} end
if redis.call('HEXISTS', KEYS[1], a) == 0 then redis.call('HSET', KEYS[1], a, ARGV[2]) end
return {1}
