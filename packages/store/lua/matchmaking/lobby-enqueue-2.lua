--[[
  Step 2 of startQueue: lock the lobby for matchmaking (idle -> queued with
  ticket T), checking everything about the lobby in the same script.
  KEYS[1] lobby:{<lobbyId>}   KEYS[2] lobby:{<lobbyId>}:chat (the lobby's chat stream)
  ARGV[1] requester player id   ARGV[2] mode   ARGV[3] ticket   ARGV[4] now
  ARGV[5] max party size of the mode
  ARGV[6] the slot the entry waits in (`<mode>` or `<mode>@<region>`), kept as `queueMode`;
          absent: ARGV[2]
  ARGV[7] the `queue.started` chat line's JSON (as chat/append-lobby stores it), written
          with the lock; absent or '': none
  ARGV[8] lines the chat keeps (MAXLEN)
  Returns {r:1, members:[ids], line:<the line's stream id, when written>};
          {r:-1} no such lobby  {r:-2} requester not a member  {r:-3} not the host
          {r:-4} lobby not idle  {r:-5} party too large  {r:-6} lobby mode changed
]]
--!include matchmaking/includes/mm-reply.lua
local k = KEYS[1]
local f = redis.call('HMGET', k, 'host', 'mode', 'members', 'state')
if not f[1] then return mmReply(-1) end
local ids = {}
local member = false
for _, m in ipairs(cjson.decode(f[3] or '[]')) do
  ids[#ids + 1] = m.id
  if m.id == ARGV[1] then member = true end
end
if not member then return mmReply(-2) end
if f[1] ~= ARGV[1] then return mmReply(-3) end
if (f[4] or 'idle') ~= 'idle' then return mmReply(-4) end
if #ids > tonumber(ARGV[5]) then return mmReply(-5) end
if f[2] ~= ARGV[2] then return mmReply(-6) end
local slot = ARGV[6]
if slot == nil or slot == '' then slot = ARGV[2] end
redis.call('HSET', k, 'state', 'queued', 'ticket', ARGV[3], 'queueMode', slot, 'stateSince', ARGV[4], 'stateSeq', 2, 'idleReason', '')
redis.call('HINCRBY', k, 'version', 1)
-- The line with the lock, in one script (coral-perf-015): the lobby exists and the requester is its host.
if ARGV[7] ~= nil and ARGV[7] ~= '' then
  return mmReply(1, { members = ids, line = redis.call('XADD', KEYS[2], 'MAXLEN', ARGV[8], '*', 'l', ARGV[7]) })
end
return mmReply(1, { members = ids })
