--[[
  Move step 2 (target slot): the copy of a moving entry, `starting` under a new ticket id,
  with every field of the source entry (queuedAt, size, rating, players, sigma and any
  extra field) and `lastMoveAt` = now (the leader's hysteresis reads it), in the outbox
  until activated or repaired. Like ticket-begin, an existing
  id (a live entry or a repair's tombstone) is refused, so a late step 2 can never revive
  a move that was repaired away.
  KEYS[1] {q:<slot>}   target slot tag
  ARGV[1] target ticket   ARGV[2] source slot id   ARGV[3] source ticket   ARGV[4] now
  ARGV[5] JSON array [k1, v1, k2, v2, ...] (the source hash; bookkeeping fields are skipped)
  Returns {r:1}; {r:-1} the target ticket exists already (fenced or done).
]]
--!include matchmaking/includes/mm-reply.lua
local q = KEYS[1]
local t = ARGV[1]
local k = q .. ':t:' .. t
if redis.call('EXISTS', k) == 1 then return mmReply(-1) end
local skip = { state = true, seq = true, pm = true, reason = true, result = true, by = true, diedAt = true,
  createdAt = true, moveTo = true, moveTicket = true, movedAt = true, moveFrom = true, moveFromTicket = true }
local fields = cjson.decode(ARGV[5])
for i = 1, #fields - 1, 2 do
  if not skip[fields[i]] then redis.call('HSET', k, fields[i], fields[i + 1]) end
end
redis.call('HSET', k, 'state', 'starting', 'seq', 2, 'createdAt', ARGV[4], 'moveFrom', ARGV[2], 'moveFromTicket', ARGV[3], 'lastMoveAt', ARGV[4])
redis.call('ZADD', q .. ':outbox', tonumber(ARGV[4]), t)
return mmReply(1)
