--[[
heartbeat: register a Moonstone server or renew its heartbeat deadline.
  KEYS[1] {fleet}:servers             set of registered server ids
  KEYS[2] {fleet}:deadlines           zset server id -> heartbeat deadline (ms)
  KEYS[3] {fleet}:server:<id>         hash: the server's registration
  KEYS[4] {fleet}:server:<id>:games   set of running game ids on it
  ARGV[1] key prefix '{fleet}'   ARGV[2] server id   ARGV[3] address   ARGV[4] controlUrl
  ARGV[5] region   ARGV[6] capacity   ARGV[7] version   ARGV[8] instanceId
  ARGV[9] draining '1'|'0'   ARGV[10] ttl ms   ARGV[11] ended-game TTL ms   ARGV[12] outbox claim ms
  ARGV[13] id of the Coral receiving this heartbeat ('' : not recorded); the sweep judges the
           deadline against that Coral's stalls (sweep-2.lua)
When the instanceId differs from the stored one the server restarted: the
games of the old process end ('server_lost') before it registers again.
Returns { 1, now, endedGameIds[], runningGames[] } where each running game is
{ gameId, mode, teams, roster(JSON), allocatedAt, joinDeadline }.
]]
--!include fleet/includes/now-ms.lua
--!include fleet/includes/remove-server.lua
local prefix, serverId = ARGV[1], ARGV[2]
local now = fleet_now_ms()
local ended = {}
local previous = redis.call('HGET', KEYS[3], 'instanceId')
if previous and previous ~= ARGV[8] then
  ended = fleet_remove_server(prefix, serverId, now, tonumber(ARGV[11]), now + tonumber(ARGV[12]))
end
if redis.call('EXISTS', KEYS[3]) == 0 then redis.call('HSET', KEYS[3], 'registeredAt', now) end
redis.call('HSET', KEYS[3], 'address', ARGV[3], 'controlUrl', ARGV[4], 'region', ARGV[5], 'capacity', ARGV[6],
  'version', ARGV[7], 'instanceId', ARGV[8], 'draining', ARGV[9], 'lastSeenAt', now)
if ARGV[13] and ARGV[13] ~= '' then redis.call('HSET', KEYS[3], 'via', ARGV[13]) end
redis.call('ZADD', KEYS[2], now + tonumber(ARGV[10]), serverId)
redis.call('SADD', KEYS[1], serverId)
local running = {}
for _, gameId in ipairs(redis.call('SMEMBERS', KEYS[4])) do
  local g = redis.call('HMGET', prefix .. ':game:' .. gameId, 'mode', 'teams', 'roster', 'allocatedAt', 'joinDeadline')
  if g[1] then running[#running + 1] = { gameId, g[1], g[2], g[3], g[4], g[5] } end
end
return { 1, now, ended, running }
