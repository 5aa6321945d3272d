-- Redis server time in ms: every Coral sees the same clock, whatever its own drift.
local function fleet_now_ms()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
