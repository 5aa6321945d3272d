--[[
take-token: a token bucket (`rate` tokens a second, at most `burst` held),
shared by every Realm instance. Used per player for chat lines and direct
messages: a burst of `burst` messages goes through, then one per 1/rate s.

KEYS[1] ratelimit:{<bucket>:<hash of subject>}  hash tokens, at
ARGV[1] now ms  ARGV[2] tokens per second (> 0)  ARGV[3] burst (>= 1)

Returns {1, tokens left (floored)}  a token was taken
        {-1, wait ms}               none left: retry after that long (nothing written)
]]
local now = tonumber(ARGV[1])
local rate = tonumber(ARGV[2])
local burst = tonumber(ARGV[3])
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1]) or burst
local at = tonumber(state[2]) or now
if now > at then tokens = math.min(burst, tokens + (now - at) * rate / 1000) end
if tokens < 1 then
  return {-1, math.ceil((1 - tokens) * 1000 / rate)}
end
tokens = tokens - 1
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', now)
redis.call('PEXPIRE', KEYS[1], math.ceil(burst * 1000 / rate) + 1000)
return {1, math.floor(tokens)}
