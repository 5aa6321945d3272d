--[[
remove-member: a member leaves, or the host kicks a member, while the lobby is
idle. The last member leaving closes the lobby: the hash is deleted and a
tombstone stops any late create/add for this id. When the host leaves, the
next member in join order becomes host.

KEYS[1] lobby:{l}   KEYS[2] lobby:{l}:dead
ARGV[1] actorId  ARGV[2] targetId (== actor: leave)  ARGV[3] tombstone TTL ms
ARGV[4] new invite hash ('' keeps the current one). A kick passes one, so the
        lobby stops honouring the old token in the same step that removes the
        player: no instant exists where they are out and the old link still admits.

Returns {version, inviteHash}  removed (inviteHash: the one it had before)
        {0, inviteHash}        removed and the lobby closed
        {-2} NOT_FOUND  {-3} NOT_IN_LOBBY (actor or target)  {-4} NOT_HOST  {-5} LOBBY_NOT_IDLE
]]
--!include lobbies/includes/lobby-members.lua
--!include lobbies/includes/member-index.lua
--!include lobbies/includes/encode-members.lua
if redis.call('EXISTS', KEYS[1]) == 0 then return {-2} end
local members = lobby_members(KEYS[1])
if not member_index(members, ARGV[1]) then return {-3} end
local host = redis.call('HGET', KEYS[1], 'host')
if ARGV[1] ~= ARGV[2] and host ~= ARGV[1] then return {-4} end
local target = member_index(members, ARGV[2])
if not target then return {-3} end
if redis.call('HGET', KEYS[1], 'state') ~= 'idle' then return {-5} end
local inviteHash = redis.call('HGET', KEYS[1], 'inviteHash') or ''
table.remove(members, target)
if #members == 0 then
  redis.call('DEL', KEYS[1])
  redis.call('SET', KEYS[2], '1', 'PX', ARGV[3])
  return {0, inviteHash}
end
redis.call('HSET', KEYS[1], 'members', encode_members(members))
if ARGV[4] and ARGV[4] ~= '' then redis.call('HSET', KEYS[1], 'inviteHash', ARGV[4]) end
if host == ARGV[2] then redis.call('HSET', KEYS[1], 'host', members[1].id) end
return {redis.call('HINCRBY', KEYS[1], 'version', 1), inviteHash}
