--[[
  Sweeper: entries whose lobby mirror is overdue (a Coral died between the
  queue step and the lobby step). `starting` ones are fenced dead first.
  Halves of a move (a `moving` source entry, a `starting` entry with `moveFrom`) are not
  touched here: the repair needs the lobby pointer (another slot), so they are returned
  in `moves` for the caller's repairMove (queues-001 section 4).
  KEYS[1] {q:<mode>}
  ARGV[1] epoch   ARGV[2] now   ARGV[3] cutoff (older than this is overdue)   ARGV[4] max
  Returns {r:1, a:[...], moves:[[role ('source'|'target'), ticket, lobby, other slot, other ticket], ...]};
          {r:-1} stale epoch.
]]
--!include matchmaking/includes/mm-reply.lua
--!include matchmaking/includes/mm-publish.lua
--!include matchmaking/includes/mm-affect.lua
--!include matchmaking/includes/mm-kill-ticket.lua
local q = KEYS[1]
if redis.call('GET', q .. ':epoch') ~= ARGV[1] then return mmReply(-1) end
local now = tonumber(ARGV[2])
local due = redis.call('ZRANGEBYSCORE', q .. ':outbox', '-inf', '(' .. ARGV[3], 'LIMIT', 0, tonumber(ARGV[4]))
local moves = {}
for _, t in ipairs(due) do
  local f = redis.call('HMGET', q .. ':t:' .. t, 'state', 'lobby', 'moveTo', 'moveTicket', 'moveFrom', 'moveFromTicket')
  local state = f[1]
  if state == 'moving' then
    moves[#moves + 1] = { 'source', t, f[2] or '', f[3] or '', f[4] or '' }
  elseif state == 'starting' and f[5] and f[5] ~= '' then
    moves[#moves + 1] = { 'target', t, f[2] or '', f[5], f[6] or '' }
  elseif state == 'starting' then
    mmKillTicket(t, 'server_lost', now, nil)
    mmAffect(t, now)
  elseif state == false then
    redis.call('ZREM', q .. ':outbox', t)
  else
    mmAffect(t, now)
  end
end
if #moves > 0 then return mmReply(1, { moves = moves }) end
return mmReply(1)
