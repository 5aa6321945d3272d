--[[
  Mark the game record ended (game slot) and let it expire later. Idempotent.
  KEYS[1] game:{<gameId>}
  ARGV[1] now   ARGV[2] result JSON   ARGV[3] reason   ARGV[4] keep ms
  Returns {1} ended now; {0} already ended; {-1} no such game.
]]
if redis.call('EXISTS', KEYS[1]) == 0 then return {-1} end
if redis.call('HGET', KEYS[1], 'endedAt') then return {0} end
redis.call('HSET', KEYS[1], 'endedAt', ARGV[1], 'result', ARGV[2], 'endReason', ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return {1}
