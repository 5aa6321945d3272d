--[[
  A lobby leaves matchmaking (host cancel, member left, host away). Queued: the
  ticket dies. In a ready check: like a decline by this lobby (the others are
  requeued). In a game: refused.
  KEYS[1] {q:<mode>}
  ARGV[1] ticket   ARGV[2] reason (lobby idleReason)   ARGV[3] now   ARGV[4] lobby id
  ARGV[5] the player who cancelled ('' when nobody did: host away, a member left)
  ARGV[6] optional 'queued': only a waiting (queued) ticket dies (a closed queue's drain,
          which leaves ready checks to settle as usual)
  Returns {r:1, a}; {r:0, a} already dead; {r:-2, state} in a game (refused);
          {r:-3, state} not queued while ARGV[6] is 'queued' (nothing changes);
          {r:-4, moveTo, moveTicket} moving to another slot (nothing changes): the caller
          resolves the move (repairMove) and cancels where the lobby then points.
]]
--!include matchmaking/includes/mm-reply.lua
--!include matchmaking/includes/mm-publish.lua
--!include matchmaking/includes/mm-affect.lua
--!include matchmaking/includes/mm-kill-ticket.lua
--!include matchmaking/includes/mm-requeue-ticket.lua
--!include matchmaking/includes/mm-settle-prematch.lua
local q = KEYS[1]
local t = ARGV[1]
local now = tonumber(ARGV[3])
local by = {}
if ARGV[5] and ARGV[5] ~= '' then by = { ARGV[5] } end
local k = q .. ':t:' .. t
local f = redis.call('HMGET', k, 'state', 'pm', 'moveTo', 'moveTicket')
local state = f[1]
if state == 'dead' then
  mmAffect(t, now)
  return mmReply(0)
end
if state == 'ingame' then return mmReply(-2, { state = state }) end
if ARGV[6] == 'queued' and state ~= 'queued' then return mmReply(-3, { state = state or 'none' }) end
if state == 'moving' then return mmReply(-4, { moveTo = f[3] or '', moveTicket = f[4] or '' }) end
if state == 'prematch' then
  local pk = q .. ':pm:' .. f[2]
  if redis.call('HGET', pk, 'state') == 'readycheck' then
    mmSettlePrematch(f[2], { [t] = true }, ARGV[2], now, by)
    return mmReply(1)
  end
  return mmReply(-2, { state = 'ingame' })
end
if state == false then
  redis.call('HSET', k, 'state', 'starting', 'lobby', ARGV[4], 'seq', 1000000000)
end
mmKillTicket(t, ARGV[2], now, nil, by)
mmAffect(t, now)
return mmReply(1)
