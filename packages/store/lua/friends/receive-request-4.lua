--[[
receive-request: the target's side of a friend request (second step, in the
target's slot). The sender's script already wrote the outgoing request; on a
negative reply the caller removes it again.

KEYS[1] player:{b}:friends  KEYS[2] player:{b}:friends:in  KEYS[3] player:{b}:friends:out  KEYS[4] player:{b}:blocked
ARGV[1] sender id  ARGV[2] now

Returns {1} written (or already there); {-13} BLOCKED (they blocked the sender)  {-14} ALREADY_FRIENDS
]]
local a = ARGV[1]
if redis.call('HEXISTS', KEYS[4], a) == 1 then return {-13} end
if redis.call('HEXISTS', KEYS[1], a) == 1 then return {-14} end
redis.call('HSET', KEYS[2], a, ARGV[2])
return {1}
