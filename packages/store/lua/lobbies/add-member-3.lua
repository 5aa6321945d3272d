--[[
add-member: append a player to an idle lobby that has room.
Runs after claim-player succeeded in the player's slot; the membership lock
(`state == idle`) and the size check are here, in the lobby's slot.

KEYS[1] lobby:{l}   KEYS[2] lobby:{l}:dead   KEYS[3] lobby:{l}:fences
ARGV[1] playerId  ARGV[2] name  ARGV[3] claim nonce
ARGV[4] JSON {mode: maxPartySize}  ARGV[5] required inviteHash ('' = no token used)

Returns {version}  (already a member: the current version, nothing changes)
        {-2} NOT_FOUND  {-5} LOBBY_NOT_IDLE  {-6} LOBBY_FULL  {-8} INVITE_REVOKED
        {-9} WRONG_STATE: this claim was fenced by a repair
]]
--!include lobbies/includes/lobby-members.lua
--!include lobbies/includes/member-index.lua
--!include lobbies/includes/encode-members.lua
if redis.call('SISMEMBER', KEYS[3], ARGV[3]) == 1 then return {-9} end
if redis.call('EXISTS', KEYS[2]) == 1 or redis.call('EXISTS', KEYS[1]) == 0 then return {-2} end
if ARGV[5] ~= '' and redis.call('HGET', KEYS[1], 'inviteHash') ~= ARGV[5] then return {-8} end
local members = lobby_members(KEYS[1])
if member_index(members, ARGV[1]) then return {tonumber(redis.call('HGET', KEYS[1], 'version'))} end
if redis.call('HGET', KEYS[1], 'state') ~= 'idle' then return {-5} end
local limits = cjson.decode(ARGV[4])
local max = tonumber(limits[redis.call('HGET', KEYS[1], 'mode')] or 0)
if #members >= max then return {-6} end
table.insert(members, {id = ARGV[1], name = ARGV[2]})
redis.call('HSET', KEYS[1], 'members', encode_members(members))
return {redis.call('HINCRBY', KEYS[1], 'version', 1)}
