--[[
  Take (or renew) ownership of creating the game of an all-accepted prematch,
  for a lease. Another Coral retries once the lease lapses; the game id is
  fixed by the prematch, so retries never create a second game.
  KEYS[1] {q:<mode>}
  ARGV[1] prematch id   ARGV[2] owner id   ARGV[3] now   ARGV[4] lease ms
  Returns {r:1, owner:0|1, state, gameId, serverId, address, players, playerTeams, tickets};
          {r:-1} no such prematch; {r:-4} still in the ready check
]]
--!include matchmaking/includes/mm-reply.lua
local q = KEYS[1]
local pmId = ARGV[1]
local pk = q .. ':pm:' .. pmId
local f = redis.call('HMGET', pk, 'state', 'gameId', 'serverId', 'address', 'players', 'playerTeams', 'creator', 'tickets')
if not f[1] then return mmReply(-1) end
if f[1] == 'readycheck' then return mmReply(-4) end
local owner = 0
if f[1] == 'creating' then
  local leaseEnd = tonumber(redis.call('ZSCORE', q .. ':creating', pmId) or '0')
  local now = tonumber(ARGV[3])
  -- Unowned (nobody started yet), lapsed, or ours: take or renew it.
  if not f[7] or leaseEnd <= now or f[7] == ARGV[2] then
    redis.call('ZADD', q .. ':creating', now + tonumber(ARGV[4]), pmId)
    redis.call('HSET', pk, 'creator', ARGV[2])
    owner = 1
  end
end
return mmReply(1, { owner = owner, state = f[1], gameId = f[2], serverId = f[3] or '', address = f[4] or '',
  players = cjson.decode(f[5]), playerTeams = cjson.decode(f[6]), tickets = cjson.decode(f[8]) })
