--[[
send-request: the sender's side of a friend request (runs first, in the
sender's slot). Writes the outgoing request unless something forbids it.

KEYS[1] player:{a}:friends  KEYS[2] player:{a}:friends:in  KEYS[3] player:{a}:friends:out  KEYS[4] player:{a}:blocked
ARGV[1] target id  ARGV[2] now

Returns {1} written; {2} the target already asked us (caller accepts instead)
        {-13} BLOCKED (we blocked them)  {-14} ALREADY_FRIENDS  {-15} REQUEST_EXISTS
]]
local b = ARGV[1]
if redis.call('HEXISTS', KEYS[4], b) == 1 then return {-13} end
if redis.call('HEXISTS', KEYS[1], b) == 1 then return {-14} end
if redis.call('HEXISTS', KEYS[3], b) == 1 then return {-15} end
if redis.call('HEXISTS', KEYS[2], b) == 1 then return {2} end
redis.call('HSET', KEYS[3], b, ARGV[2])
return {1}
