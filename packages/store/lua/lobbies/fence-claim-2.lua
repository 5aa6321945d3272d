--[[
fence-claim: repair step for a player whose pointer names this lobby but who
is not a member (a crash between claim-player and create/add, or between
remove-member and release-player). Fences the claim nonce first, so a slow
create/add carrying it can never land after the repair releases the pointer.

KEYS[1] lobby:{l}   KEYS[2] lobby:{l}:fences
ARGV[1] playerId  ARGV[2] claim nonce  ARGV[3] fence TTL ms

Returns {0}: the player is a member (consistent, nothing to repair)
        {1}: fenced; the caller may now release the pointer
]]
--!include lobbies/includes/lobby-members.lua
--!include lobbies/includes/member-index.lua
if redis.call('EXISTS', KEYS[1]) == 1 and member_index(lobby_members(KEYS[1]), ARGV[1]) then return {0} end
redis.call('SADD', KEYS[2], ARGV[2])
redis.call('PEXPIRE', KEYS[2], ARGV[3])
return {1}
