--[[
set-host: the host hands the lobby to another member, while idle.

KEYS[1] lobby:{l}
ARGV[1] actorId  ARGV[2] new host id

Returns {version}; {-2} NOT_FOUND {-3} NOT_IN_LOBBY {-4} NOT_HOST {-5} LOBBY_NOT_IDLE
]]
--!include lobbies/includes/lobby-members.lua
--!include lobbies/includes/member-index.lua
if redis.call('EXISTS', KEYS[1]) == 0 then return {-2} end
local members = lobby_members(KEYS[1])
if not member_index(members, ARGV[1]) then return {-3} end
if redis.call('HGET', KEYS[1], 'host') ~= ARGV[1] then return {-4} end
if not member_index(members, ARGV[2]) then return {-3} end
if redis.call('HGET', KEYS[1], 'state') ~= 'idle' then return {-5} end
redis.call('HSET', KEYS[1], 'host', ARGV[2])
return {redis.call('HINCRBY', KEYS[1], 'version', 1)}
