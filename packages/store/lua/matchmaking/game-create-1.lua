--[[
  Write the game record once (game slot). A second writer (retry, other Coral)
  gets the first record back instead.
  KEYS[1] game:{<gameId>}
  ARGV[1] JSON object of the record's fields (strings)
  ARGV[2] safety TTL ms (a record whose end was never reported does not live forever)
  Returns {1} created; {0, serverId, address} existed.
]]
if redis.call('EXISTS', KEYS[1]) == 1 then
  local f = redis.call('HMGET', KEYS[1], 'serverId', 'address')
  return { 0, f[1] or '', f[2] or '' }
end
for k, v in pairs(cjson.decode(ARGV[1])) do redis.call('HSET', KEYS[1], k, v) end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return { 1 }
