--[[
  Repair fence of a move's target half, before the source is returned to the queue or
  dropped: the target ticket can never become live afterwards. Missing: a tombstone is
  written (a late ticket-move-in is refused); `starting`: tombstoned silently (a late
  ticket-move-activate is refused). Live entries are left alone.
  KEYS[1] {q:<slot>}   target slot tag
  ARGV[1] target ticket   ARGV[2] now   ARGV[3] lobby id   ARGV[4] source slot   ARGV[5] source ticket
  Returns {r:1} fenced now; {r:0} already dead; {r:2, state} live (not fenced).
]]
--!include matchmaking/includes/mm-reply.lua
--!include matchmaking/includes/mm-drop-entry.lua
local q = KEYS[1]
local t = ARGV[1]
local k = q .. ':t:' .. t
local state = redis.call('HGET', k, 'state')
if state == 'dead' then return mmReply(0) end
if state == false then
  redis.call('HSET', k, 'state', 'starting', 'lobby', ARGV[3], 'seq', 1, 'moveFrom', ARGV[4], 'moveFromTicket', ARGV[5])
  state = 'starting'
end
if state == 'starting' then
  mmDropEntry(t, 'moved', tonumber(ARGV[2]))
  return mmReply(1)
end
return mmReply(2, { state = state })
