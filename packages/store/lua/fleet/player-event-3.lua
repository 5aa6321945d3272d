--[[
player-event: record that a player connected, never showed up, or left. Idempotent:
repeating the current state changes nothing. A departed player (depart-players-3.lua: released
for good by the server, game.leave) keeps their last state: a left or noshow report for them
changes nothing, and a connected report is refused.
  KEYS[1] {fleet}:game:<gameId>            hash: the allocation
  KEYS[2] {fleet}:game:<gameId>:players    hash: player id -> pending|connected|noshow|left
  KEYS[3] {fleet}:game:<gameId>:departed   set: players released for good
  ARGV[1] reporting server id   ARGV[2] player id   ARGV[3] connected|noshow|left
Returns { changed 1|0, game state }.
  {-1} no such game (NOT_FOUND)   {-2} the game runs on another server (FORBIDDEN)
  {-3} the player is not in this game's roster (NOT_FOUND)
  {-4} a connected report for a player who left the game for good (FORBIDDEN)
]]
local g = redis.call('HMGET', KEYS[1], 'state', 'serverId')
if not g[1] then return {-1} end
if g[2] ~= ARGV[1] then return {-2} end
local current = redis.call('HGET', KEYS[2], ARGV[2])
if not current then return {-3} end
if redis.call('SISMEMBER', KEYS[3], ARGV[2]) == 1 then
  if ARGV[3] == 'connected' then return {-4} end
  return { 0, g[1] }
end
if g[1] ~= 'running' or current == ARGV[3] then return { 0, g[1] } end
redis.call('HSET', KEYS[2], ARGV[2], ARGV[3])
return { 1, g[1] }
