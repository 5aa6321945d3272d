--[[
  The game record exists (game slot): the prematch's game is ready. Idempotent.
  KEYS[1] {q:<mode>}
  ARGV[1] prematch id   ARGV[2] server id   ARGV[3] address   ARGV[4] now
  Returns {r:1, serverId, address} (the values stored, which win over the caller's);
          {r:-1} no such prematch; {r:-4} still in the ready check
]]
--!include matchmaking/includes/mm-reply.lua
--!include matchmaking/includes/mm-publish.lua
local q = KEYS[1]
local pmId = ARGV[1]
local pk = q .. ':pm:' .. pmId
local f = redis.call('HMGET', pk, 'state', 'serverId', 'address', 'gameId', 'players')
if not f[1] then return mmReply(-1) end
if f[1] == 'readycheck' then return mmReply(-4) end
if f[1] == 'ready' then return mmReply(1, { serverId = f[2], address = f[3] }) end
redis.call('HSET', pk, 'state', 'ready', 'serverId', ARGV[2], 'address', ARGV[3], 'readyAt', ARGV[4])
redis.call('ZREM', q .. ':creating', pmId)
mmPublish({ type = 'game_ready', mode = string.sub(q, 4, -2), pm = pmId, gameId = f[4], serverId = ARGV[2], address = ARGV[3], players = cjson.decode(f[5]) })
return mmReply(1, { serverId = ARGV[2], address = ARGV[3] })
