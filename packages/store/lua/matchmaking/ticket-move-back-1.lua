--[[
  Repair of a move that did not happen (the lobby still points at the source, and the
  move is fenced in the lobby and in the target): the source entry returns from
  `moving` to `queued` with its original queuedAt. Only the moving entry of THIS move.
  Its lobby mirror is due again (a mirror pending before the move is not lost).
  KEYS[1] {q:<slot>}   source slot tag
  ARGV[1] source ticket   ARGV[2] target ticket   ARGV[3] now
  Returns {r:1, a}; {r:0, state} not this move's moving entry (nothing changed).
]]
--!include matchmaking/includes/mm-reply.lua
--!include matchmaking/includes/mm-affect.lua
local q = KEYS[1]
local t = ARGV[1]
local k = q .. ':t:' .. t
local f = redis.call('HMGET', k, 'state', 'moveTicket', 'queuedAt', 'size', 'seenAt')
if f[1] ~= 'moving' or f[2] ~= ARGV[2] then return mmReply(0, { state = f[1] or 'none' }) end
local now = tonumber(ARGV[3])
redis.call('HSET', k, 'state', 'queued')
redis.call('HDEL', k, 'moveTo', 'moveTicket', 'movedAt')
redis.call('HINCRBY', k, 'seq', 1)
redis.call('ZADD', q .. ':waiting', tonumber(f[3]) or now, t)
-- Keep-alive: the time seen at move-out (a touch during the move found nothing to refresh).
redis.call('ZADD', q .. ':alive', 'GT', tonumber(f[5]) or now, t)
redis.call('HINCRBY', q .. ':stats', 'searching', tonumber(f[4]) or 0)
mmAffect(t, now)
return mmReply(1)
