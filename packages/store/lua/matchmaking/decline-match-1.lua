--[[
  A player declines the ready check: their lobby's ticket dies (lobby idle,
  reason `declined`); every other ticket returns to the queue with its
  original queuedAt.
  KEYS[1] {q:<mode>}
  ARGV[1] prematch id   ARGV[2] player id   ARGV[3] now
  Returns {r:1, a}; {r:-1} no such prematch; {r:-2} player not in it;
          {r:-4} the ready check is over (everyone accepted)
]]
--!include matchmaking/includes/mm-reply.lua
--!include matchmaking/includes/mm-publish.lua
--!include matchmaking/includes/mm-affect.lua
--!include matchmaking/includes/mm-kill-ticket.lua
--!include matchmaking/includes/mm-requeue-ticket.lua
--!include matchmaking/includes/mm-settle-prematch.lua
local q = KEYS[1]
local pmId = ARGV[1]
local pk = q .. ':pm:' .. pmId
local f = redis.call('HMGET', pk, 'state', 'tickets')
if not f[1] then return mmReply(-1) end
local failed = {}
local found = false
for _, t in ipairs(cjson.decode(f[2])) do
  for _, p in ipairs(cjson.decode(redis.call('HGET', q .. ':t:' .. t, 'players'))) do
    if p == ARGV[2] then failed[t] = true; found = true end
  end
end
if not found then return mmReply(-2) end
if f[1] ~= 'readycheck' then return mmReply(-4) end
mmSettlePrematch(pmId, failed, 'declined', tonumber(ARGV[3]), { ARGV[2] })
return mmReply(1)
