--[[
  Sweeper: entries whose lobby mirror is overdue (a Coral died between the
  queue step and the lobby step). `starting` ones are fenced dead first.
  KEYS[1] {q:<mode>}
  ARGV[1] epoch   ARGV[2] now   ARGV[3] cutoff (older than this is overdue)   ARGV[4] max
  Returns {r:1, a:[...]} the entries to mirror; {r:-1} stale epoch.
]]
--!include matchmaking/includes/mm-reply.lua
--!include matchmaking/includes/mm-publish.lua
--!include matchmaking/includes/mm-affect.lua
--!include matchmaking/includes/mm-kill-ticket.lua
local q = KEYS[1]
if redis.call('GET', q .. ':epoch') ~= ARGV[1] then return mmReply(-1) end
local now = tonumber(ARGV[2])
local due = redis.call('ZRANGEBYSCORE', q .. ':outbox', '-inf', '(' .. ARGV[3], 'LIMIT', 0, tonumber(ARGV[4]))
for _, t in ipairs(due) do
  local state = redis.call('HGET', q .. ':t:' .. t, 'state')
  if state == 'starting' then mmKillTicket(t, 'server_lost', now, nil) end
  if state == false then
    redis.call('ZREM', q .. ':outbox', t)
  else
    mmAffect(t, now)
  end
end
return mmReply(1)
