--[[
end-game: a server reports that its game is over. Idempotent: a game already
ended stays as it was (the first end wins).
  KEYS[1] {fleet}:game:<gameId>   hash: the allocation
  ARGV[1] key prefix '{fleet}'   ARGV[2] game id   ARGV[3] reporting server id ('' = any, for Coral itself)
  ARGV[4] reason   ARGV[5] winning team ('' = none)   ARGV[6] ended-game TTL ms   ARGV[7] outbox claim ms
Returns { ended-by-this-call 1|0, reason, winningTeam|'', and when this call ended it: the
  game's hash, its players' hash (both flat field/value lists) and its departed players }:
  what delivering the end needs, without reading it again (coral-perf-015).
  {-1} no such game (NOT_FOUND)   {-2} the game runs on another server (FORBIDDEN)
  {-4} winning team out of range (INVALID_MESSAGE)
]]
--!include fleet/includes/now-ms.lua
--!include fleet/includes/end-game.lua
local g = redis.call('HMGET', KEYS[1], 'state', 'serverId', 'teams')
if not g[1] then return {-1} end
if ARGV[3] ~= '' and g[2] ~= ARGV[3] then return {-2} end
if ARGV[5] ~= '' and (tonumber(ARGV[5]) < 0 or tonumber(ARGV[5]) >= tonumber(g[3])) then return {-4} end
local now = fleet_now_ms()
local ended = fleet_end_game(ARGV[1], ARGV[2], ARGV[4], ARGV[5], now, tonumber(ARGV[6]), now + tonumber(ARGV[7]))
local after = redis.call('HMGET', KEYS[1], 'endReason', 'winningTeam')
if not ended then return { 0, after[1] or '', after[2] or '' } end
return {
  1, after[1] or '', after[2] or '',
  redis.call('HGETALL', KEYS[1]),
  redis.call('HGETALL', KEYS[1] .. ':players'),
  redis.call('SMEMBERS', KEYS[1] .. ':departed'),
}
