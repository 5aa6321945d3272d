--[[
set-mode: the host picks the queue mode, while idle; the party must fit it.

KEYS[1] lobby:{l}
ARGV[1] actorId  ARGV[2] mode  ARGV[3] that mode's maxPartySize

Returns {version}; {-2} NOT_FOUND {-3} NOT_IN_LOBBY {-4} NOT_HOST {-5} LOBBY_NOT_IDLE {-7} PARTY_TOO_LARGE
]]
--!include lobbies/includes/lobby-members.lua
--!include lobbies/includes/member-index.lua
if redis.call('EXISTS', KEYS[1]) == 0 then return {-2} end
local members = lobby_members(KEYS[1])
if not member_index(members, ARGV[1]) then return {-3} end
if redis.call('HGET', KEYS[1], 'host') ~= ARGV[1] then return {-4} end
if redis.call('HGET', KEYS[1], 'state') ~= 'idle' then return {-5} end
if #members > tonumber(ARGV[3]) then return {-7} end
redis.call('HSET', KEYS[1], 'mode', ARGV[2])
return {redis.call('HINCRBY', KEYS[1], 'version', 1)}
