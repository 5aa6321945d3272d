--[[
leave: a server leaves the fleet now; games still running on it end ('server_lost').
  KEYS[1] {fleet}:server:<id>   hash: the server's registration
  ARGV[1] key prefix '{fleet}'   ARGV[2] server id   ARGV[3] ended-game TTL ms   ARGV[4] outbox claim ms
Returns { existed 1|0, endedGameIds[] }.
]]
--!include fleet/includes/now-ms.lua
--!include fleet/includes/remove-server.lua
local now = fleet_now_ms()
local existed = redis.call('EXISTS', KEYS[1])
local ended = fleet_remove_server(ARGV[1], ARGV[2], now, tonumber(ARGV[3]), now + tonumber(ARGV[4]))
return { existed, ended }
