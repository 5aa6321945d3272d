--[[
  Give up the lease (graceful shutdown) so another Coral takes over at once.
  KEYS[1] {q:<mode>}   ARGV[1] owner id
  Returns {1} released; {0} not the holder.
]]
if redis.call('GET', KEYS[1] .. ':lease') == ARGV[1] then
  redis.call('DEL', KEYS[1] .. ':lease')
  return {1}
end
return {0}
