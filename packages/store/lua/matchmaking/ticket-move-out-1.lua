--[[
  Move step 1 (source slot): a waiting entry leaves the waiting list to move to another
  slot (queues-001 section 4). `queued` -> `moving`: out of `waiting` (never claimed or
  matched while moving) and out of `alive` (its last-seen time travels in the entry as
  `seenAt` and is restored in whichever slot the entry ends in, so a move never extends
  the keep-alive grace), and in the outbox so a crash anywhere later is repaired by this
  slot's sweeper. Fenced by the
  source leader's epoch: only the leader moves its entries.
  KEYS[1] {q:<slot>}   source slot tag
  ARGV[1] epoch   ARGV[2] ticket   ARGV[3] target slot id   ARGV[4] target ticket id (new)
  ARGV[5] now (ms)
  Returns {r:1, fields:[k1, v1, k2, v2, ...]} the whole entry hash, to copy into the target;
          {r:-1} stale epoch; {r:-2, state} not `queued` (nothing changed).
]]
--!include matchmaking/includes/mm-reply.lua
local q = KEYS[1]
if redis.call('GET', q .. ':epoch') ~= ARGV[1] then return mmReply(-1) end
local t = ARGV[2]
local k = q .. ':t:' .. t
local f = redis.call('HMGET', k, 'state', 'size')
if f[1] ~= 'queued' then return mmReply(-2, { state = f[1] or 'none' }) end
local now = tonumber(ARGV[5])
if redis.call('ZREM', q .. ':waiting', t) == 1 then
  redis.call('HINCRBY', q .. ':stats', 'searching', -(tonumber(f[2]) or 0))
end
-- The last time any player was seen: the target keeps it, so moving never extends the grace.
local seen = redis.call('ZSCORE', q .. ':alive', t) or ARGV[5]
redis.call('ZREM', q .. ':alive', t)
redis.call('HSET', k, 'state', 'moving', 'moveTo', ARGV[3], 'moveTicket', ARGV[4], 'movedAt', ARGV[5], 'seenAt', seen)
redis.call('HINCRBY', k, 'seq', 1)
redis.call('ZADD', q .. ':outbox', now, t)
return mmReply(1, { fields = redis.call('HGETALL', k) })
