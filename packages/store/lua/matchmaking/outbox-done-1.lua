--[[
  The caller mirrored these entries onto their lobbies: drop them from the
  outbox unless they changed again since (their seq moved on).
  KEYS[1] {q:<mode>}
  ARGV[1..] pairs: ticket, seq that was mirrored
  Returns {n}: the number removed.
]]
local q = KEYS[1]
local n = 0
for i = 1, #ARGV, 2 do
  local seq = redis.call('HGET', q .. ':t:' .. ARGV[i], 'seq')
  if seq == false or tonumber(seq) <= tonumber(ARGV[i + 1]) then
    n = n + redis.call('ZREM', q .. ':outbox', ARGV[i])
  end
end
return {n}
