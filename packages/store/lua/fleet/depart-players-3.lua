--[[
depart-players: the game's server released these players (game.leave, issue #12 item 10):
record them as departed, for good. Only a player the server reported `left` or `noshow` may
depart (their state in the player hash stays as reported, so ratings still tell a no-show from
a player who left); later reports for a departed player change nothing and a `connected` report
is refused (player-event-3.lua). Idempotent. Nothing is written unless every named player may
depart.
  KEYS[1] {fleet}:game:<gameId>            hash: the allocation
  KEYS[2] {fleet}:game:<gameId>:players    hash: player id -> pending|connected|noshow|left
  KEYS[3] {fleet}:game:<gameId>:departed   set: players released for good
  ARGV[1] the game's server id ('' = any)   ARGV[2..] player ids
Returns { n players departed now (0: all had already) }.
  {-1} no such game (NOT_FOUND)   {-2} the game runs on another server (FORBIDDEN)
  {-3} a player is not in this game's roster (NOT_FOUND)
  {-4, playerId, state} a player is still pending or connected (WRONG_STATE)
]]
local g = redis.call('HMGET', KEYS[1], 'serverId', 'state')
if not g[1] then return {-1} end
if ARGV[1] ~= '' and g[1] ~= ARGV[1] then return {-2} end
for i = 2, #ARGV do
  local current = redis.call('HGET', KEYS[2], ARGV[i])
  if not current then return {-3} end
  if (current == 'pending' or current == 'connected') and redis.call('SISMEMBER', KEYS[3], ARGV[i]) == 0 then
    return { -4, ARGV[i], current }
  end
end
local n = redis.call('SADD', KEYS[3], unpack(ARGV, 2))
-- Lives as long as the player hash: until the game's end plus the ended-game TTL (end-game.lua).
if g[2] ~= 'running' then redis.call('PEXPIRE', KEYS[3], math.max(redis.call('PTTL', KEYS[2]), 1)) end
return { n }
