--[[
  Sweeper: settle ready checks whose deadline passed. A ticket any of whose
  players did not accept dies (lobby idle, reason `timeout`, naming those players); tickets whose
  players all accepted return to the queue with their original queuedAt.
  KEYS[1] {q:<mode>}
  ARGV[1] epoch (leader fencing)   ARGV[2] now   ARGV[3] max prematches per call
  Returns {r:1, pms:[...], late:[players who did not accept], a}; {r:-1} stale epoch.
]]
--!include matchmaking/includes/mm-reply.lua
--!include matchmaking/includes/mm-publish.lua
--!include matchmaking/includes/mm-affect.lua
--!include matchmaking/includes/mm-kill-ticket.lua
--!include matchmaking/includes/mm-requeue-ticket.lua
--!include matchmaking/includes/mm-settle-prematch.lua
local q = KEYS[1]
if redis.call('GET', q .. ':epoch') ~= ARGV[1] then return mmReply(-1) end
local now = tonumber(ARGV[2])
local due = redis.call('ZRANGEBYSCORE', q .. ':deadlines', '-inf', now, 'LIMIT', 0, tonumber(ARGV[3]))
local late = {}
for _, pmId in ipairs(due) do
  local pk = q .. ':pm:' .. pmId
  local ticketsJson = redis.call('HGET', pk, 'tickets')
  if ticketsJson and redis.call('HGET', pk, 'state') == 'readycheck' then
    local failed = {}
    local missing = {}
    for _, t in ipairs(cjson.decode(ticketsJson)) do
      for _, p in ipairs(cjson.decode(redis.call('HGET', q .. ':t:' .. t, 'players'))) do
        if redis.call('SISMEMBER', pk .. ':acc', p) == 0 then
          failed[t] = true
          missing[#missing + 1] = p
          late[#late + 1] = p
        end
      end
    end
    mmSettlePrematch(pmId, failed, 'timeout', now, missing)
  else
    redis.call('ZREM', q .. ':deadlines', pmId)
  end
end
return mmReply(1, { pms = due, late = late })
