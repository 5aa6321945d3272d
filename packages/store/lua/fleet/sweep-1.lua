--[[
sweep: drop every server whose heartbeat deadline passed and end its games
('server_lost'). Atomic, so several Corals may sweep at once: each game ends once.
  KEYS[1] {fleet}:deadlines   zset server id -> heartbeat deadline (ms)
  ARGV[1] key prefix '{fleet}'   ARGV[2] max servers per call
  ARGV[3] ended-game TTL ms      ARGV[4] outbox claim ms
  ARGV[5] grace ms (optional, default 0): only deadlines older than now - grace count as
          missed; the sweeping Coral passes the time its own event loop was stalled, so a
          heartbeat that waited behind that stall is not taken for a dead server
Returns { 1, removedServerIds[], endedGameIds[] }.
]]
--!include fleet/includes/now-ms.lua
--!include fleet/includes/remove-server.lua
local now = fleet_now_ms()
local cutoff = now - math.max(0, tonumber(ARGV[5] or '0') or 0)
local removed, ended = {}, {}
for _, serverId in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', cutoff, 'LIMIT', 0, tonumber(ARGV[2]))) do
  removed[#removed + 1] = serverId
  for _, gameId in ipairs(fleet_remove_server(ARGV[1], serverId, now, tonumber(ARGV[3]), now + tonumber(ARGV[4]))) do
    ended[#ended + 1] = gameId
  end
end
return { 1, removed, ended }
