--[[
apply-game: apply one game to one player, once: the rating change (rated games),
the counters and recent form, and the game's place in the player's history.
  KEYS[1] rating:{<playerId>}           hash: '<mode>:mu' '<mode>:sigma' '<mode>:games' '<mode>:wins' '<mode>:form';
                                        '<mode>' is a legacy Elo number, dropped once a skill is written (docs/ratings.md)
  KEYS[2] rating:{<playerId>}:applied   zset game id -> applied at (ms), the newest ARGV[9] kept
  KEYS[3] history:{<playerId>}          list of game ids, newest first, the newest ARGV[10] kept, expiring after ARGV[11] ms
  ARGV[1] mode   ARGV[2] game id   ARGV[3] rated 1|0   ARGV[4] mu change   ARGV[5] sigma ratio (after / before)
  ARGV[6] outcome W|L|D (rated games)   ARGV[7] mu when the player has none yet   ARGV[8] sigma when none yet
  ARGV[9] applied ids kept   ARGV[10] history entries kept   ARGV[11] history TTL (ms)
Returns {1, mu, sigma, games} applied now; {0, mu, sigma, games} already applied (nothing changed).
Numbers are returned as strings (Lua numbers would be truncated to integers).
]]
local m = ARGV[1]
local function current()
  local mu = redis.call('HGET', KEYS[1], m .. ':mu') or ARGV[7]
  local sigma = redis.call('HGET', KEYS[1], m .. ':sigma') or ARGV[8]
  return mu, sigma, redis.call('HGET', KEYS[1], m .. ':games') or '0'
end
if redis.call('ZSCORE', KEYS[2], ARGV[2]) then
  local mu, sigma, games = current()
  return { 0, mu, sigma, games }
end
if ARGV[3] == '1' then
  local mu, sigma = current()
  local newMu = tonumber(mu) + tonumber(ARGV[4])
  local newSigma = tonumber(sigma) * tonumber(ARGV[5])
  redis.call('HSET', KEYS[1], m .. ':mu', string.format('%.6f', newMu), m .. ':sigma', string.format('%.6f', newSigma))
  redis.call('HDEL', KEYS[1], m)
  redis.call('HINCRBY', KEYS[1], m .. ':games', 1)
  if ARGV[6] == 'W' then redis.call('HINCRBY', KEYS[1], m .. ':wins', 1) end
  local form = ARGV[6] .. (redis.call('HGET', KEYS[1], m .. ':form') or '')
  redis.call('HSET', KEYS[1], m .. ':form', string.sub(form, 1, 10))
end
local t = redis.call('TIME')
redis.call('ZADD', KEYS[2], tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000), ARGV[2])
redis.call('ZREMRANGEBYRANK', KEYS[2], 0, -(tonumber(ARGV[9]) + 1))
redis.call('LPUSH', KEYS[3], ARGV[2])
redis.call('LTRIM', KEYS[3], 0, tonumber(ARGV[10]) - 1)
redis.call('PEXPIRE', KEYS[3], ARGV[11])
local mu, sigma, games = current()
return { 1, mu, sigma, games }
