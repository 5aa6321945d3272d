--[[
create-lobby: write a new idle lobby whose only member is its host.
Runs after claim-player succeeded in the host's slot.

KEYS[1] lobby:{l}   KEYS[2] lobby:{l}:dead (tombstone)   KEYS[3] lobby:{l}:fences (fenced claim nonces)
ARGV[1] lobbyId  ARGV[2] hostId  ARGV[3] hostName  ARGV[4] mode  ARGV[5] now
ARGV[6] inviteHash ('' = none)  ARGV[7] the host's claim nonce

Returns {1} (version 1);
        {-2}  NOT_FOUND: the id is dead or this claim was fenced by a repair
        {-9}  WRONG_STATE: a lobby with this id exists
]]
if redis.call('EXISTS', KEYS[2]) == 1 or redis.call('SISMEMBER', KEYS[3], ARGV[7]) == 1 then return {-2} end
if redis.call('EXISTS', KEYS[1]) == 1 then return {-9} end
local members = cjson.encode({{id = ARGV[2], name = ARGV[3]}})
redis.call('HSET', KEYS[1],
  'id', ARGV[1], 'host', ARGV[2], 'mode', ARGV[4], 'members', members,
  'createdAt', ARGV[5], 'version', 1,
  'state', 'idle', 'ticket', '', 'queueMode', '', 'stateSince', ARGV[5],
  'idleReason', '', 'lastResult', '', 'inviteHash', ARGV[6])
return {1}
