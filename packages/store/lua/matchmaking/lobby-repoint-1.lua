--[[
  Move step 3 (lobby slot), the commit point of a move: the lobby's pointer
  (`queueMode`, `ticket`) goes from the source entry to the target entry by
  compare-and-set. The same script resolves a move for a repair (ARGV[1] 'resolve'):
  it reads where the lobby points and, if still at the source, fences the move (the
  target ticket joins the set `lobby:{<lobbyId>}:movefence`, kept as long as a tombstone)
  so a late commit can never overtake the repair, however many moves of the lobby were
  resolved since.
  KEYS[1] lobby:{<lobbyId>}   (the fence set is built from it: same hash tag)
  ARGV[1] 'commit' | 'resolve'   ARGV[2] source slot   ARGV[3] source ticket
  ARGV[4] target slot   ARGV[5] target ticket
  Returns commit: {r:1, members:[ids]} the lobby points at the target (now or already);
                  {r:-1} the lobby no longer points at the source (cancelled, gone);
                  {r:-2} a repair resolved this move as not happening.
          resolve: {r:1, outcome:'moved'} points at the target;
                   {r:1, outcome:'stays'} points at the source (fenced now);
                   {r:1, outcome:'gone'} points at neither.
]]
--!include matchmaking/includes/mm-reply.lua
local MOVE_FENCE_MS = 3600000
local k = KEYS[1]
local fence = k .. ':movefence'
local f = redis.call('HMGET', k, 'ticket', 'queueMode', 'state', 'members')
local atTarget = f[1] == ARGV[5] and f[2] == ARGV[4]
local atSource = f[1] == ARGV[3] and f[2] == ARGV[2] and (f[3] or 'idle') ~= 'idle'
if ARGV[1] == 'resolve' then
  if atTarget then return mmReply(1, { outcome = 'moved' }) end
  if atSource then
    redis.call('SADD', fence, ARGV[5])
    redis.call('PEXPIRE', fence, MOVE_FENCE_MS)
    return mmReply(1, { outcome = 'stays' })
  end
  return mmReply(1, { outcome = 'gone' })
end
local ids = {}
local ok, members = pcall(cjson.decode, f[4] or '[]')
if ok and type(members) == 'table' then
  for _, m in ipairs(members) do
    if type(m) == 'table' and type(m.id) == 'string' then ids[#ids + 1] = m.id end
  end
end
if atTarget then return mmReply(1, { members = ids }) end
if redis.call('SISMEMBER', fence, ARGV[5]) == 1 then return mmReply(-2) end
if not atSource then return mmReply(-1) end
-- The target entry is `starting` with seq 2 and becomes `queued` (seq 2): the lobby is queued there.
redis.call('HSET', k, 'ticket', ARGV[5], 'queueMode', ARGV[4], 'state', 'queued', 'stateSeq', 2)
redis.call('HINCRBY', k, 'version', 1)
return mmReply(1, { members = ids })
