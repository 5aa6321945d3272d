--[[
  The claim: move every ticket of one proposed match from `queued` to
  `prematch` and create the prematch, atomically. Fenced by the leader epoch.
  KEYS[1] {q:<mode>}
  ARGV[1] epoch of the caller's lease   ARGV[2] prematch id   ARGV[3] now
  ARGV[4] deadline (ms)   ARGV[5] JSON array of teams, each an array of ticket ids
  ARGV[6] game id (derived from the prematch id)
  The lobbies are not mirrored: a ready check is part of being queued for everyone who reads
  a lobby (presence says in_queue, membership is locked all the same), so each lobby keeps
  `queued` until its entry goes in game or dies (coral-perf-006).
  Returns {r:1, players:[...]};
          {r:-1} stale epoch (a newer leader exists); nothing changed
          {r:-2, ticket} a ticket is not queued (claimed, cancelled, gone); nothing changed
          {r:-3} prematch id exists
]]
--!include matchmaking/includes/mm-reply.lua
--!include matchmaking/includes/mm-publish.lua
local q = KEYS[1]
if redis.call('GET', q .. ':epoch') ~= ARGV[1] then return mmReply(-1) end
local pmId = ARGV[2]
local pk = q .. ':pm:' .. pmId
if redis.call('EXISTS', pk) == 1 then return mmReply(-3) end
local now = tonumber(ARGV[3])
local teams = cjson.decode(ARGV[5])
local tickets = {}
local seen = {}
-- Check everything before writing anything: all or nothing.
for _, team in ipairs(teams) do
  for _, t in ipairs(team) do
    if seen[t] or redis.call('HGET', q .. ':t:' .. t, 'state') ~= 'queued' then
      return mmReply(-2, { ticket = t })
    end
    seen[t] = true
    tickets[#tickets + 1] = t
  end
end
local players, playerTeams, lobbies = {}, {}, {}
for i, team in ipairs(teams) do
  playerTeams[i] = {}
  for _, t in ipairs(team) do
    local k = q .. ':t:' .. t
    local f = redis.call('HMGET', k, 'players', 'size', 'queuedAt', 'lobby')
    for _, p in ipairs(cjson.decode(f[1])) do
      players[#players + 1] = p
      table.insert(playerTeams[i], p)
    end
    lobbies[t] = f[4]
    redis.call('HSET', k, 'state', 'prematch', 'pm', pmId)
    redis.call('HINCRBY', k, 'seq', 1)
    redis.call('ZREM', q .. ':waiting', t)
    redis.call('ZREM', q .. ':alive', t)
    redis.call('HINCRBY', q .. ':stats', 'searching', -tonumber(f[2]))
    redis.call('LPUSH', q .. ':waits', now - tonumber(f[3]))
  end
end
redis.call('LTRIM', q .. ':waits', 0, 199)
redis.call('HSET', pk, 'state', 'readycheck', 'epoch', ARGV[1], 'createdAt', ARGV[3], 'deadline', ARGV[4],
  'tickets', cjson.encode(tickets), 'teams', ARGV[5], 'playerTeams', cjson.encode(playerTeams),
  'players', cjson.encode(players), 'lobbies', cjson.encode(lobbies), 'gameId', ARGV[6])
redis.call('ZADD', q .. ':deadlines', ARGV[4], pmId)
mmPublish({ type = 'prematch', mode = string.sub(q, 4, -2), pm = pmId, players = players, deadline = tonumber(ARGV[4]) })
return mmReply(1, { players = players })
