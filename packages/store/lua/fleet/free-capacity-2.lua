--[[
free-capacity: free game slots of the live, non-draining servers of one region (the
matchmaker's "waiting for a server" reason; read at most once a second per region slot).
  KEYS[1] {fleet}:servers     set of registered server ids
  KEYS[2] {fleet}:deadlines   zset server id -> heartbeat deadline (ms)
  ARGV[1] key prefix '{fleet}'   ARGV[2] region ('' = every region)
Returns {free, servers}: free slots, and live servers counted.
]]
--!include fleet/includes/now-ms.lua
local prefix, wanted = ARGV[1], ARGV[2]
local now = fleet_now_ms()
local free, servers = 0, 0
for _, serverId in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  local deadline = tonumber(redis.call('ZSCORE', KEYS[2], serverId) or '0')
  if deadline > now then
    local s = redis.call('HMGET', prefix .. ':server:' .. serverId, 'capacity', 'draining', 'region')
    if s[2] ~= '1' and (wanted == '' or s[3] == wanted) then
      servers = servers + 1
      local left = tonumber(s[1] or '0') - redis.call('SCARD', prefix .. ':server:' .. serverId .. ':games')
      if left > 0 then free = free + left end
    end
  end
end
return { free, servers }
