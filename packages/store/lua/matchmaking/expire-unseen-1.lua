--[[
  Sweeper: queued tickets none of whose players was seen (touch) since the
  cutoff leave the queue (lobby idle, reason `host_away`).
  KEYS[1] {q:<mode>}
  ARGV[1] epoch   ARGV[2] now   ARGV[3] cutoff (last seen before this dies)   ARGV[4] max
  Returns {r:1, tickets:[...], a}; {r:-1} stale epoch.
]]
--!include matchmaking/includes/mm-reply.lua
--!include matchmaking/includes/mm-publish.lua
--!include matchmaking/includes/mm-affect.lua
--!include matchmaking/includes/mm-kill-ticket.lua
local q = KEYS[1]
if redis.call('GET', q .. ':epoch') ~= ARGV[1] then return mmReply(-1) end
local now = tonumber(ARGV[2])
local due = redis.call('ZRANGEBYSCORE', q .. ':alive', '-inf', '(' .. ARGV[3], 'LIMIT', 0, tonumber(ARGV[4]))
local gone = {}
for _, t in ipairs(due) do
  if redis.call('HGET', q .. ':t:' .. t, 'state') == 'queued' then
    mmKillTicket(t, 'host_away', now, nil)
    mmAffect(t, now)
    gone[#gone + 1] = t
  else
    redis.call('ZREM', q .. ':alive', t)
  end
end
return mmReply(1, { tickets = gone })
