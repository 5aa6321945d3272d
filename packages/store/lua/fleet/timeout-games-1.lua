--[[
timeout-games: end every running game past its maximum length ('timeout'), so a
server that stays alive but never reports an end cannot hold its players in a game
forever. Atomic, so several Corals may run it at once: each game ends once.
  KEYS[1] {fleet}:game-deadlines   zset game id -> latest end (ms)
  ARGV[1] key prefix '{fleet}'   ARGV[2] max games per call
  ARGV[3] ended-game TTL ms      ARGV[4] outbox claim ms
Returns { 1, endedGameIds[] }.
]]
--!include fleet/includes/now-ms.lua
--!include fleet/includes/end-game.lua
local now = fleet_now_ms()
local ended = {}
for _, gameId in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'LIMIT', 0, tonumber(ARGV[2]))) do
  if fleet_end_game(ARGV[1], gameId, 'timeout', '', now, tonumber(ARGV[3]), now + tonumber(ARGV[4])) then
    ended[#ended + 1] = gameId
  else
    redis.call('ZREM', KEYS[1], gameId) -- ended some other way meanwhile (or expired)
  end
end
return { 1, ended }
