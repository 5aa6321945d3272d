--!include fleet/includes/end-game.lua
-- Drop a server from the registry and end every game it was running
-- ('server_lost'). Returns the ids of the games this call ended.
local function fleet_remove_server(prefix, serverId, now, endedTtlMs, claimUntil)
  local gamesKey = prefix .. ':server:' .. serverId .. ':games'
  local ended = {}
  for _, gameId in ipairs(redis.call('SMEMBERS', gamesKey)) do
    if fleet_end_game(prefix, gameId, 'server_lost', '', now, endedTtlMs, claimUntil) then
      ended[#ended + 1] = gameId
    end
  end
  redis.call('DEL', gamesKey, prefix .. ':server:' .. serverId)
  redis.call('ZREM', prefix .. ':deadlines', serverId)
  redis.call('SREM', prefix .. ':servers', serverId)
  return ended
end
