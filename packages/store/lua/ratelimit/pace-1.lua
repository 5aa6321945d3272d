--[[
pace: may one more attempt from one (subject, client) go ahead now?
Slows a guesser down rather than locking the subject: the first `free`
attempts in a window are immediate, then each waits base * 2^(n - free),
capped at max; while the subject is under broad attack (the caller says so)
every client waits at least `broad` between attempts, a new client included
(its first call starts its wait). An attempt made before its wait is over is
not counted but restarts the wait: a client that honours retry-after gets its
next try, one that hammers gets none.

KEYS[1] ratelimit:{pace:<bucket>:<hash of subject and client>}  hash count, last
ARGV[1] now ms
ARGV[2] window ms (the key's lifetime after the last attempt)
ARGV[3] free attempts
ARGV[4] base delay ms
ARGV[5] max delay ms
ARGV[6] broad-attack delay ms (0: no broad attack)
Returns {n, 0}: go ahead, the n-th attempt in the window;
        {-1, wait ms}: retry after that long (not counted; the wait restarts).
]]
local now = tonumber(ARGV[1])
local count = tonumber(redis.call('HGET', KEYS[1], 'count') or '0')
local last = redis.call('HGET', KEYS[1], 'last')
local free = tonumber(ARGV[3])
local delay = 0
if count >= free then
  delay = math.min(tonumber(ARGV[5]), tonumber(ARGV[4]) * 2 ^ (count - free))
end
local broad = tonumber(ARGV[6])
if broad > delay then delay = broad end
if delay > 0 then
  if not last then
    redis.call('HSET', KEYS[1], 'last', now)
    redis.call('PEXPIRE', KEYS[1], ARGV[2])
    return {-1, delay}
  end
  if tonumber(last) + delay > now then
    redis.call('HSET', KEYS[1], 'last', now)
    redis.call('PEXPIRE', KEYS[1], ARGV[2])
    return {-1, delay}
  end
end
count = redis.call('HINCRBY', KEYS[1], 'count', 1)
redis.call('HSET', KEYS[1], 'last', now)
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return {count, 0}
