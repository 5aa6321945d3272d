--[[
request-join: a player asks the host of an idle lobby to let them in. Kept in
the lobby's slot (`lobby:{l}:join-requests`, hash requesterId -> JSON
JoinRequest), so the request dies with the lobby. One pending request per
(requester, lobby): a repeat returns the pending one and changes nothing.
Expired entries are dropped when a request is added; past `cap` pending requests the new one is
refused.

KEYS[1] lobby:{l}   KEYS[2] lobby:{l}:join-requests
ARGV[1] requesterId  ARGV[2] request JSON  ARGV[3] now ms  ARGV[4] TTL ms  ARGV[5] cap
Returns {1, hostId} added; {0, existing JSON, hostId} already pending (nothing changes)
        {-2} NOT_FOUND  {-5} LOBBY_NOT_IDLE
        {-7} ALREADY_IN_LOBBY: the requester is a member  {-10} RATE_LIMITED: `cap` requests pending
]]
--!include lobbies/includes/lobby-members.lua
--!include lobbies/includes/member-index.lua
if redis.call('EXISTS', KEYS[1]) == 0 then return {-2} end
local members = lobby_members(KEYS[1])
if member_index(members, ARGV[1]) then return {-7} end
if redis.call('HGET', KEYS[1], 'state') ~= 'idle' then return {-5} end
local host = redis.call('HGET', KEYS[1], 'host')
local now = tonumber(ARGV[3])
local all = redis.call('HGETALL', KEYS[2])
local live = 0
local stale = {}
for i = 1, #all, 2 do
  local ok, request = pcall(cjson.decode, all[i + 1])
  if not ok or type(request) ~= 'table' or tonumber(request.expiresAt or 0) <= now then
    stale[#stale + 1] = all[i]
  elseif all[i] == ARGV[1] then
    return {0, all[i + 1], host}
  else
    live = live + 1
  end
end
if live >= tonumber(ARGV[5]) then return {-10} end
-- Expired entries go only on a write (a refusal writes nothing).
if #stale > 0 then redis.call('HDEL', KEYS[2], unpack(stale)) end
redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
redis.call('PEXPIRE', KEYS[2], ARGV[4])
return {1, host}
