--[[
  Give up the lease (graceful shutdown, or a hand-over to the Coral that ranks first) so
  another Coral takes over at once.
  KEYS[1] {q:<mode>}   ARGV[1] owner id
  ARGV[2] candidate id to remove from the slot's candidate set (a Coral stopping); '' or absent: none
  Returns {1} released; {0} not the holder.
]]
if ARGV[2] and ARGV[2] ~= '' then redis.call('ZREM', KEYS[1] .. ':candidates', ARGV[2]) end
if redis.call('GET', KEYS[1] .. ':lease') == ARGV[1] then
  redis.call('DEL', KEYS[1] .. ':lease')
  return {1}
end
return {0}
