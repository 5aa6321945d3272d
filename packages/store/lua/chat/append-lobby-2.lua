--[[
append-lobby: add one line to a lobby's chat (a capped stream that lives as
long as the lobby). A member's message needs the author to be a member now;
a system line only needs the lobby to exist (a line about a lobby that just
closed is not written, so no chat outlives its lobby).

KEYS[1] lobby:{l}   KEYS[2] lobby:{l}:chat (stream, field `l` = the line's JSON without its id)
ARGV[1] kind ('message' | 'system')  ARGV[2] author id (checked for 'message')
ARGV[3] line JSON  ARGV[4] lines kept (MAXLEN)

Returns {1, streamId, members}  written; members: the lobby's member list as stored (JSON), for the pushes
        {-2} NOT_FOUND (no such lobby)  {-3} NOT_IN_LOBBY (the author of a message is not a member)
]]
--!include lobbies/includes/lobby-members.lua
--!include lobbies/includes/member-index.lua
if redis.call('EXISTS', KEYS[1]) == 0 then return {-2} end
if ARGV[1] == 'message' and not member_index(lobby_members(KEYS[1]), ARGV[2]) then return {-3} end
local id = redis.call('XADD', KEYS[2], 'MAXLEN', ARGV[4], '*', 'l', ARGV[3])
return {1, id, redis.call('HGET', KEYS[1], 'members') or ''}
