--[[
take-join-request: the host answers (accepts or declines) one pending join
request; it is removed either way. Only the lobby's current host may answer.

KEYS[1] lobby:{l}   KEYS[2] lobby:{l}:join-requests
ARGV[1] hostId  ARGV[2] requesterId  ARGV[3] now ms
Returns {1, request JSON} taken
        {-2} NOT_FOUND: no such lobby  {-3} NOT_IN_LOBBY  {-4} NOT_HOST
        {-11} NOT_FOUND: no such pending request (or it expired)
]]
--!include lobbies/includes/lobby-members.lua
--!include lobbies/includes/member-index.lua
if redis.call('EXISTS', KEYS[1]) == 0 then return {-2} end
if not member_index(lobby_members(KEYS[1]), ARGV[1]) then return {-3} end
if redis.call('HGET', KEYS[1], 'host') ~= ARGV[1] then return {-4} end
local raw = redis.call('HGET', KEYS[2], ARGV[2])
if not raw then return {-11} end
-- An expired request is left for request-join's sweep and the key's TTL: a negative status writes nothing.
local ok, request = pcall(cjson.decode, raw)
if not ok or type(request) ~= 'table' or tonumber(request.expiresAt or 0) <= tonumber(ARGV[3]) then return {-11} end
redis.call('HDEL', KEYS[2], ARGV[2])
return {1, raw}
