--[[
  The game ended (or its server was lost): every ticket dies with the reason
  and the result, so the lobbies go idle; the prematch is deleted. Idempotent.
  Also used to give up a game that could not be created (reason server_lost).
  Players whose lobby left the game early (leave-game-1.lua, set `:pm:<id>:dep`) are not named
  in the game_over event: they may be in another game by now.
  One event: the tickets die without a `left` each (their players are exactly game_over's: a
  departed lobby's ticket is dead already), so every Coral decodes one event per game, not 1 + N.
  KEYS[1] {q:<mode>}
  ARGV[1] prematch id   ARGV[2] reason   ARGV[3] now   ARGV[4] result JSON ('' for none)
  Returns {r:1, a}; {r:0} already ended; {r:-4} still in the ready check
]]
--!include matchmaking/includes/mm-reply.lua
--!include matchmaking/includes/mm-publish.lua
--!include matchmaking/includes/mm-affect.lua
--!include matchmaking/includes/mm-kill-ticket.lua
local q = KEYS[1]
local pmId = ARGV[1]
local pk = q .. ':pm:' .. pmId
local f = redis.call('HMGET', pk, 'state', 'tickets', 'players', 'gameId')
if not f[1] then return mmReply(0) end
if f[1] == 'readycheck' then return mmReply(-4) end
local now = tonumber(ARGV[3])
for _, t in ipairs(cjson.decode(f[2])) do
  mmKillTicket(t, ARGV[2], now, ARGV[4], nil, true)
  mmAffect(t, now)
end
local departed = {}
for _, p in ipairs(redis.call('SMEMBERS', pk .. ':dep')) do departed[p] = true end
local told = {}
for _, p in ipairs(cjson.decode(f[3])) do
  if not departed[p] then told[#told + 1] = p end
end
redis.call('DEL', pk, pk .. ':acc', pk .. ':dep')
redis.call('ZREM', q .. ':creating', pmId)
mmPublish({ type = 'game_over', mode = string.sub(q, 4, -2), gameId = f[4], players = told, reason = ARGV[2] })
return mmReply(1)
