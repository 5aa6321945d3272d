--[[
  Move step 5 (source slot), or a repair's end of a move: the source half of a move
  becomes a tombstone that points at the target (`moveTo`, `moveTicket`), silently (the
  lobby points elsewhere already; its players did not leave the queue). Only the moving
  entry of THIS move (its `moveTicket`), so a stale call after the entry returned to the
  queue and moved again changes nothing.
  KEYS[1] {q:<slot>}   source slot tag
  ARGV[1] source ticket   ARGV[2] target ticket   ARGV[3] now   ARGV[4] reason (tombstone `reason`: 'moved')
  Returns {r:1}; {r:0, state} not this move's moving entry (nothing changed).
]]
--!include matchmaking/includes/mm-reply.lua
--!include matchmaking/includes/mm-drop-entry.lua
local k = KEYS[1] .. ':t:' .. ARGV[1]
local f = redis.call('HMGET', k, 'state', 'moveTicket')
if f[1] ~= 'moving' or f[2] ~= ARGV[2] then return mmReply(0, { state = f[1] or 'none' }) end
mmDropEntry(ARGV[1], ARGV[4], tonumber(ARGV[3]))
return mmReply(1)
