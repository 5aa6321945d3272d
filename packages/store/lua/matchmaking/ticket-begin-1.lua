--[[
  Step 1 of startQueue: write the intent (queue entry in state `starting`) in the
  queue slot, before the lobby is locked. It sits in the outbox, so a crash
  before activation is repaired by the sweeper (fence, then idle the lobby).
  KEYS[1] {q:<mode>}   queue tag (every key built here starts with it)
  ARGV[1] ticket id    ARGV[2] lobby id    ARGV[3] now (ms)
  Returns {r:1}; {r:-1} the ticket id exists already (never reuse ids).
]]
--!include matchmaking/includes/mm-reply.lua
local k = KEYS[1] .. ':t:' .. ARGV[1]
if redis.call('EXISTS', k) == 1 then return mmReply(-1) end
redis.call('HSET', k, 'state', 'starting', 'lobby', ARGV[2], 'seq', 2, 'createdAt', ARGV[3])
redis.call('ZADD', KEYS[1] .. ':outbox', ARGV[3], ARGV[1])
return mmReply(1)
