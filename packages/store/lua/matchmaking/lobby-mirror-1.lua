--[[
  Mirror a queue entry's state onto its lobby (the entry is the authority).
  Applies only while the lobby still points at this ticket, and only if newer
  than what the lobby holds (seq), so late or repeated mirrors are harmless.
  KEYS[1] lobby:{<lobbyId>}
  ARGV[1] ticket   ARGV[2] entry seq   ARGV[3] entry state (queued|prematch|ingame|dead; starting is ignored)
  ARGV[4] now   ARGV[5] idle reason   ARGV[6] last result JSON ('' for none)
  ARGV[7] who caused the idle reason: JSON array of player ids ('' for nobody), kept as `idleBy`
  Returns {1, member ids...} when applied, so the caller can notify them
  without reading the lobby again; {0} stale or not this lobby's ticket.
]]
local k = KEYS[1]
local f = redis.call('HMGET', k, 'ticket', 'stateSeq')
if f[1] ~= ARGV[1] then return {0} end
if tonumber(f[2] or '0') >= tonumber(ARGV[2]) then return {0} end
local state = ARGV[3]
-- A `starting` entry may still become live: never unlock the lobby for it.
if state == 'starting' then return {0} end
if state == 'dead' then
  redis.call('HSET', k, 'state', 'idle', 'ticket', '', 'queueMode', '', 'idleReason', ARGV[5], 'idleBy', ARGV[7] or '', 'stateSince', ARGV[4], 'stateSeq', 0)
  if ARGV[6] ~= '' then redis.call('HSET', k, 'lastResult', ARGV[6]) end
else
  redis.call('HSET', k, 'state', state, 'stateSince', ARGV[4], 'stateSeq', ARGV[2])
end
redis.call('HINCRBY', k, 'version', 1)
local ids = { 1 }
local ok, members = pcall(cjson.decode, redis.call('HGET', k, 'members') or '[]')
if ok and type(members) == 'table' then
  for _, m in ipairs(members) do
    if type(m) == 'table' and type(m.id) == 'string' then ids[#ids + 1] = m.id end
  end
end
return ids
