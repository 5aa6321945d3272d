--[[
claim-endings: take the ended games whose onGameEnded hook has not been
acknowledged and whose previous claim ran out; claim them again for ARGV[2] ms.
  KEYS[1] {fleet}:outbox   zset game id -> claimed until (ms)
  ARGV[1] max games   ARGV[2] claim ms
Returns { n, the n claimed game ids... }.
]]
--!include fleet/includes/now-ms.lua
local now = fleet_now_ms()
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'LIMIT', 0, tonumber(ARGV[1]))
local out = { #due }
for _, gameId in ipairs(due) do
  redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), gameId)
  out[#out + 1] = gameId
end
return out
