--[[
sweep: drop every server whose heartbeat deadline passed and end its games
('server_lost'). Atomic, so several Corals may sweep at once: each game ends once.
A deadline counts as missed only past a grace: the time the Coral that received
the server's heartbeats was not listening (issue #13). Each sweeping Coral
publishes its own measured stall time here; a server's grace is the larger of
the sweeper's own and that of the Coral its heartbeats come through (`via`),
plus how long that Coral has been silent (it may be stalled right now), capped.
  KEYS[1] {fleet}:deadlines   zset server id -> heartbeat deadline (ms)
  KEYS[2] {fleet}:liveness    hash coral id -> '<graceMs>:<writtenAtMs>'
  ARGV[1] key prefix '{fleet}'   ARGV[2] max servers per call
  ARGV[3] ended-game TTL ms      ARGV[4] outbox claim ms
  ARGV[5] this Coral's grace ms (its own measured stall time of the recent past)
  ARGV[6] this Coral's id ('' : publish nothing)
  ARGV[7] cap (ms) on the silence of a server's receiving Coral counted as grace
Returns { 1, removedServerIds[], endedGameIds[] }.
]]
--!include fleet/includes/now-ms.lua
--!include fleet/includes/remove-server.lua
local now = fleet_now_ms()
local own = math.max(0, tonumber(ARGV[5]) or 0)
local me = ARGV[6]
local maxSilence = tonumber(ARGV[7]) or 0
if me ~= '' then redis.call('HSET', KEYS[2], me, math.floor(own) .. ':' .. now) end
local removed, ended = {}, {}
local candidates = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now - own, 'WITHSCORES', 'LIMIT', 0, tonumber(ARGV[2]))
for i = 1, #candidates, 2 do
  local serverId, deadline = candidates[i], tonumber(candidates[i + 1])
  local grace = own
  local via = redis.call('HGET', ARGV[1] .. ':server:' .. serverId, 'via')
  if via and via ~= me then
    local record = redis.call('HGET', KEYS[2], via)
    if record then
      local sep = string.find(record, ':', 1, true)
      local viaGrace = tonumber(string.sub(record, 1, sep - 1)) or 0
      local writtenAt = tonumber(string.sub(record, sep + 1)) or now
      -- Silent for longer than a sweep or two: it may be stalled now; count that too, up to the cap.
      local silence = math.min(maxSilence, math.max(0, now - writtenAt - 1000))
      grace = math.max(grace, viaGrace + silence)
    end
  end
  if deadline <= now - grace then
    removed[#removed + 1] = serverId
    for _, gameId in ipairs(fleet_remove_server(ARGV[1], serverId, now, tonumber(ARGV[3]), now + tonumber(ARGV[4]))) do
      ended[#ended + 1] = gameId
    end
  end
end
return { 1, removed, ended }
