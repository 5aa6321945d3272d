--[[
  Repair fence: make sure ticket T can never become live. If the entry is
  missing or still `starting`, write a tombstone (state dead) that
  ticket-activate refuses; live entries are left alone.
  KEYS[1] {q:<mode>}
  ARGV[1] ticket  ARGV[2] reason  ARGV[3] now  ARGV[4] lobby id (for a missing entry)
  Returns {r:1, a:[...]} fenced now; {r:0, a:[...]} already dead; {r:2, state} live (not fenced).
]]
--!include matchmaking/includes/mm-reply.lua
--!include matchmaking/includes/mm-publish.lua
--!include matchmaking/includes/mm-affect.lua
--!include matchmaking/includes/mm-kill-ticket.lua
local q = KEYS[1]
local t = ARGV[1]
local k = q .. ':t:' .. t
local now = tonumber(ARGV[3])
local state = redis.call('HGET', k, 'state')
if state == 'dead' then
  mmAffect(t, now)
  return mmReply(0)
end
if state == false then
  -- Never created, or its tombstone expired: a seq above anything the lobby
  -- can hold, so the mirror that idles the lobby always applies.
  redis.call('HSET', k, 'state', 'starting', 'lobby', ARGV[4], 'seq', 1000000000)
  state = 'starting'
end
if state == 'starting' then
  mmKillTicket(t, ARGV[2], now, nil)
  mmAffect(t, now)
  return mmReply(1)
end
return mmReply(2, { state = state })
