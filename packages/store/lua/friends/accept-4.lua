--[[
accept: the accepter's side (first step). Consumes the incoming request and
records the friendship; idempotent, so a retry after a crash before the
second step (befriend on the other side) completes it.

KEYS[1] player:{a}:friends  KEYS[2] player:{a}:friends:in  KEYS[3] player:{a}:friends:out  KEYS[4] player:{a}:blocked
ARGV[1] requester id  ARGV[2] now

Returns {1} accepted; {0} already friends (run the second step again); {-2} NOT_FOUND no such request
]]
local b = ARGV[1]
if redis.call('HEXISTS', KEYS[1], b) == 1 then return {0} end
if redis.call('HEXISTS', KEYS[2], b) == 0 then return {-2} end
redis.call('HDEL', KEYS[2], b)
redis.call('HDEL', KEYS[3], b)
redis.call('HSET', KEYS[1], b, ARGV[2])
return {1}
