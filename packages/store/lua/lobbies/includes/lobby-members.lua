-- Members of a lobby hash (`members`, JSON) as a Lua array of {id=…, name=…}.
local function lobby_members(key)
  local raw = redis.call('HGET', key, 'members')
  if not raw or raw == '' then return {} end
  return cjson.decode(raw)
end
