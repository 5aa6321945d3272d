--[[
allocate: give a game a live server with a free slot, least loaded first.
Idempotent by game id: a game that already has a record returns it unchanged.
Never oversubscribes: the count and the insert happen in this one script.
  KEYS[1] {fleet}:servers           set of registered server ids
  KEYS[2] {fleet}:deadlines         zset server id -> heartbeat deadline (ms)
  KEYS[3] {fleet}:game:<gameId>     hash: the allocation
  ARGV[1] key prefix '{fleet}'   ARGV[2] game id   ARGV[3] mode   ARGV[4] roster JSON
  ARGV[5] teams   ARGV[6] preferred region ('' = any)   ARGV[7] join window ms
  ARGV[8] roster player ids, space separated
  ARGV[9] maximum game length ms ('' or 0 = none): the game enters {fleet}:game-deadlines
          at allocatedAt + this, and the fleet sweeper ends it 'timeout' past it
  ARGV[10] '1': the region is required (a queue that runs in regions): only servers of
          ARGV[6] are candidates; '' or absent: ARGV[6] is a preference
Preference order: region match, lowest load/capacity, lowest load, server id.
Returns {-1} when no server has a free slot, else
{ created 1|0, serverId, address, controlUrl, region, allocatedAt, joinDeadline, state, mode, teams, roster }.
]]
--!include fleet/includes/now-ms.lua
local prefix, gameId = ARGV[1], ARGV[2]
local function record(created)
  local g = redis.call('HMGET', KEYS[3], 'serverId', 'address', 'controlUrl', 'region', 'allocatedAt', 'joinDeadline', 'state', 'mode', 'teams', 'roster')
  return { created, g[1], g[2], g[3], g[4], g[5], g[6], g[7], g[8], g[9], g[10] }
end
if redis.call('EXISTS', KEYS[3]) == 1 then return record(0) end

local now = fleet_now_ms()
local wanted = ARGV[6]
local strict = ARGV[10] == '1' and wanted ~= ''
local best, bestKey
for _, serverId in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  local deadline = tonumber(redis.call('ZSCORE', KEYS[2], serverId) or '0')
  if deadline > now then
    local s = redis.call('HMGET', prefix .. ':server:' .. serverId, 'capacity', 'draining', 'region', 'address', 'controlUrl')
    local capacity = tonumber(s[1] or '0')
    local load = redis.call('SCARD', prefix .. ':server:' .. serverId .. ':games')
    if s[2] ~= '1' and load < capacity and not (strict and s[3] ~= wanted) then
      local away = (wanted ~= '' and s[3] ~= wanted) and 1 or 0
      local key = { away, load / capacity, load, serverId }
      local better = best == nil
      if not better then
        for i = 1, 4 do
          if key[i] ~= bestKey[i] then better = key[i] < bestKey[i]; break end
        end
      end
      if better then best, bestKey = { serverId, s[3], s[4], s[5] }, key end
    end
  end
end
if best == nil then return {-1} end

local serverId = best[1]
redis.call('HSET', KEYS[3], 'gameId', gameId, 'serverId', serverId, 'region', best[2], 'address', best[3], 'controlUrl', best[4],
  'mode', ARGV[3], 'roster', ARGV[4], 'teams', ARGV[5], 'state', 'running', 'allocatedAt', now, 'joinDeadline', now + tonumber(ARGV[7]))
local playersKey = prefix .. ':game:' .. gameId .. ':players'
for playerId in string.gmatch(ARGV[8], '%S+') do redis.call('HSET', playersKey, playerId, 'pending') end
local maxGameMs = tonumber(ARGV[9] or '0') or 0
if maxGameMs > 0 then redis.call('ZADD', prefix .. ':game-deadlines', now + maxGameMs, gameId) end
redis.call('SADD', prefix .. ':server:' .. serverId .. ':games', gameId)
return record(1)
