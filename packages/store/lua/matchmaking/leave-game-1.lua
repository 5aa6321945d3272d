--[[
  A lobby leaves its running game early (game.leave, issue #12 item 10), after the game's
  server released its players and the fleet marked them departed: the queue entry dies with
  reason `left_game` (its lobby goes idle: mmAffect + the caller's applyMirrors; the lobby
  mirror is fenced by ticket and seq, so the game's later end cannot touch a lobby that queued
  again), and its players are recorded on the prematch as departed, so the game's end does not
  name them in its game_over event. Only for an `ingame` entry of that game. Idempotent: an
  entry already dead (left, or the game ended meanwhile) answers {r:0} and repeats its mirror.
  KEYS[1] {q:<mode>}
  ARGV[1] ticket   ARGV[2] game id   ARGV[3] now
  Returns {r:1, a}; {r:0, a} already dead; {r:-1} no such entry;
  {r:-2, state} not in a game; {r:-3} in another game.
]]
--!include matchmaking/includes/mm-reply.lua
--!include matchmaking/includes/mm-publish.lua
--!include matchmaking/includes/mm-affect.lua
--!include matchmaking/includes/mm-kill-ticket.lua
local q = KEYS[1]
local t = ARGV[1]
local now = tonumber(ARGV[3])
local k = q .. ':t:' .. t
local f = redis.call('HMGET', k, 'state', 'pm', 'players')
local state = f[1]
if not state then return mmReply(-1) end
if state == 'dead' then
  mmAffect(t, now)
  return mmReply(0)
end
if state ~= 'ingame' then return mmReply(-2, { state = state }) end
local pk = q .. ':pm:' .. f[2]
if redis.call('HGET', pk, 'gameId') ~= ARGV[2] then return mmReply(-3) end
mmKillTicket(t, 'left_game', now, nil)
mmAffect(t, now)
if f[3] then
  local players = cjson.decode(f[3])
  if #players > 0 then redis.call('SADD', pk .. ':dep', unpack(players)) end
end
return mmReply(1)
