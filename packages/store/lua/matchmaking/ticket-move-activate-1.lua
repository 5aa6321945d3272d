--[[
  Move step 4 (target slot): the copied entry becomes matchable, keeping the original
  queuedAt (its place in the oldest-first order) and the last-seen time of the source.
  Only a `starting` entry made by ticket-move-in; refused once fenced (dead).
  KEYS[1] {q:<slot>}   target slot tag
  ARGV[1] target ticket   ARGV[2] now (ms)
  Returns {r:1, queuedAt}; {r:-1, state} not a starting moved entry (nothing changed).
]]
--!include matchmaking/includes/mm-reply.lua
--!include matchmaking/includes/mm-publish.lua
local q = KEYS[1]
local t = ARGV[1]
local k = q .. ':t:' .. t
local f = redis.call('HMGET', k, 'state', 'moveFrom', 'queuedAt', 'size', 'players', 'seenAt', 'lobby')
if f[1] ~= 'starting' or not f[2] or f[2] == '' then return mmReply(-1, { state = f[1] or 'none' }) end
local queuedAt = tonumber(f[3]) or tonumber(ARGV[2])
local seen = tonumber(f[6]) or tonumber(ARGV[2])
local players = cjson.decode(f[5] or '[]')
redis.call('HSET', k, 'state', 'queued', 'seq', 2)
redis.call('ZADD', q .. ':waiting', queuedAt, t)
redis.call('ZADD', q .. ':alive', seen, t)
for _, p in ipairs(players) do redis.call('HSET', q .. ':pt', p, t) end
local searching = redis.call('HINCRBY', q .. ':stats', 'searching', tonumber(f[4]) or 0)
-- The lobby was repointed with stateSeq 2 (queued): nothing left to mirror.
redis.call('ZREM', q .. ':outbox', t)
mmPublish({ type = 'queued', mode = string.sub(q, 4, -2), ticket = t, lobbyId = f[7] or '', players = players, queuedAt = queuedAt, searching = searching })
return mmReply(1, { queuedAt = queuedAt })
