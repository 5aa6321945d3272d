--[[
  Step 3 of startQueue (after the lobby was locked with state=queued, ticket=T,
  stateSeq=2): make the entry matchable. Refused if the entry was fenced.
  KEYS[1] {q:<mode>}
  ARGV[1] ticket  ARGV[2] now = queuedAt (ms), or '' for the server's clock at this
  commit (the moment the entry becomes matchable)  ARGV[3] party size  ARGV[4] mean rating
  ARGV[5] JSON array of player ids  ARGV[6] party rating uncertainty (sigma; '' = unknown)
  ARGV[7] JSON object region -> the party's worst member latency (ms); '' = unconstrained
  Returns {r:1, queuedAt}; {r:-1} entry not `starting` (fenced dead by a repair: idle the lobby).
]]
--!include matchmaking/includes/mm-reply.lua
--!include matchmaking/includes/mm-publish.lua
local q = KEYS[1]
local t = ARGV[1]
local k = q .. ':t:' .. t
if redis.call('HGET', k, 'state') ~= 'starting' then return mmReply(-1) end
local now
if ARGV[2] == '' then
  local clock = redis.call('TIME')
  now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
else
  now = tonumber(ARGV[2])
end
local queuedAt = string.format('%d', now)
local players = cjson.decode(ARGV[5])
redis.call('HSET', k, 'state', 'queued', 'seq', 2, 'queuedAt', queuedAt, 'size', ARGV[3], 'rating', ARGV[4], 'players', ARGV[5], 'sigma', ARGV[6] or '', 'lat', ARGV[7] or '')
redis.call('ZADD', q .. ':waiting', now, t)
redis.call('ZADD', q .. ':alive', now, t)
for _, p in ipairs(players) do redis.call('HSET', q .. ':pt', p, t) end
local searching = redis.call('HINCRBY', q .. ':stats', 'searching', tonumber(ARGV[3]))
-- The lobby already mirrors seq 2 (queued): nothing left to repair.
redis.call('ZREM', q .. ':outbox', t)
-- searching: players in this mode's queue now, so the first queue.status is exact.
mmPublish({ type = 'queued', mode = string.sub(q, 4, -2), ticket = t, lobbyId = redis.call('HGET', k, 'lobby'), players = players, queuedAt = now, searching = searching })
return mmReply(1, { queuedAt = now })
