--[[
  A player accepts the ready check. When the last one accepts, the prematch
  moves to game creation and its tickets to `ingame`.
  KEYS[1] {q:<mode>}
  ARGV[1] prematch id   ARGV[2] player id   ARGV[3] now
  ARGV[4] ms the accepting Coral has to start game creation before the sweeper reports it due
  Returns {r:1, accepted, players, all:0|1, gameId, a}; accepting twice is harmless (r:1).
          {r:-1} no such prematch (settled or never existed)
          {r:-2} the player is not in this prematch
          {r:-3} the deadline has passed (the sweeper settles it)
]]
--!include matchmaking/includes/mm-reply.lua
--!include matchmaking/includes/mm-publish.lua
--!include matchmaking/includes/mm-affect.lua
local q = KEYS[1]
local pmId = ARGV[1]
local pk = q .. ':pm:' .. pmId
local f = redis.call('HMGET', pk, 'state', 'players', 'deadline', 'tickets', 'gameId')
if not f[1] then return mmReply(-1) end
local players = cjson.decode(f[2])
local member = false
for _, p in ipairs(players) do if p == ARGV[2] then member = true end end
if not member then return mmReply(-2) end
if f[1] ~= 'readycheck' then
  return mmReply(1, { accepted = players, players = players, all = 1, gameId = f[5] })
end
local now = tonumber(ARGV[3])
if now >= tonumber(f[3]) then return mmReply(-3) end
redis.call('SADD', pk .. ':acc', ARGV[2])
local accepted = redis.call('SMEMBERS', pk .. ':acc')
local mode = string.sub(q, 4, -2)
if #accepted < #players then
  mmPublish({ type = 'accepted', mode = mode, pm = pmId, players = players, accepted = accepted })
  return mmReply(1, { accepted = accepted, players = players, all = 0, gameId = f[5] })
end
redis.call('HSET', pk, 'state', 'creating')
redis.call('ZREM', q .. ':deadlines', pmId)
-- Score = when game creation is due for (re)try: the accepting Coral starts it now.
redis.call('ZADD', q .. ':creating', now + tonumber(ARGV[4]), pmId)
for _, t in ipairs(cjson.decode(f[4])) do
  redis.call('HSET', q .. ':t:' .. t, 'state', 'ingame')
  redis.call('HINCRBY', q .. ':t:' .. t, 'seq', 1)
  mmAffect(t, now)
end
-- No `accepted` event for the last accept: game_creating supersedes it (Corals drop a pending
-- progress count on it), and every Coral would parse it for nothing.
mmPublish({ type = 'game_creating', mode = mode, pm = pmId, gameId = f[5], players = players })
return mmReply(1, { accepted = accepted, players = players, all = 1, gameId = f[5] })
