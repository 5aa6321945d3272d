--[[
apply-delta: add one game's rating change to one player, once.
  KEYS[1] rating:{<playerId>}           hash: mode -> rating, '<mode>:games' -> games rated
  KEYS[2] rating:{<playerId>}:applied   zset game id -> applied at (ms), the newest ARGV[5] kept
  ARGV[1] mode   ARGV[2] game id   ARGV[3] delta (integer)   ARGV[4] default rating   ARGV[5] how many applied ids to keep
Returns { applied 1|0, rating after }. 0: this game was already applied (the rating is unchanged).
]]
if redis.call('ZSCORE', KEYS[2], ARGV[2]) then
  return { 0, tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or ARGV[4]) }
end
local current = tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or ARGV[4])
local after = current + tonumber(ARGV[3])
redis.call('HSET', KEYS[1], ARGV[1], after)
redis.call('HINCRBY', KEYS[1], ARGV[1] .. ':games', 1)
local t = redis.call('TIME')
redis.call('ZADD', KEYS[2], tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000), ARGV[2])
redis.call('ZREMRANGEBYRANK', KEYS[2], 0, -(tonumber(ARGV[5]) + 1))
return { 1, after }
