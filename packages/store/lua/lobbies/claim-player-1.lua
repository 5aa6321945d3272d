--[[
claim-player: make this player's lobby pointer point at a lobby, if it points nowhere.
`player:{p}.lobby` is the authority for "which lobby is this player in"; this
is the only script that sets it, so a player can never be in two lobbies.

KEYS[1] player:{p}
ARGV[1] lobbyId   ARGV[2] claim nonce (fences a late add-member after a repair)
ARGV[3] now (ms)

Returns {1} on success;
        {-1, currentLobbyId, claimAt, claimNonce}  ALREADY_IN_LOBBY (the caller may repair a stale claim)
]]
local current = redis.call('HGET', KEYS[1], 'lobby')
if current and current ~= '' then
  local at = redis.call('HGET', KEYS[1], 'lobbyClaimAt') or '0'
  local nonce = redis.call('HGET', KEYS[1], 'lobbyClaim') or ''
  return {-1, current, at, nonce}
end
redis.call('HSET', KEYS[1], 'lobby', ARGV[1], 'lobbyClaim', ARGV[2], 'lobbyClaimAt', ARGV[3])
return {1}
