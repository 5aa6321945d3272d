--[[
set-invite: the host replaces the lobby's invite token hash (rotation). Any
state: the token admits only while the lobby is idle anyway.

KEYS[1] lobby:{l}
ARGV[1] actorId  ARGV[2] new invite hash

Returns {1, oldHash}; {-2} NOT_FOUND {-3} NOT_IN_LOBBY {-4} NOT_HOST
]]
--!include lobbies/includes/lobby-members.lua
--!include lobbies/includes/member-index.lua
if redis.call('EXISTS', KEYS[1]) == 0 then return {-2} end
if not member_index(lobby_members(KEYS[1]), ARGV[1]) then return {-3} end
if redis.call('HGET', KEYS[1], 'host') ~= ARGV[1] then return {-4} end
local old = redis.call('HGET', KEYS[1], 'inviteHash') or ''
redis.call('HSET', KEYS[1], 'inviteHash', ARGV[2])
return {1, old}
