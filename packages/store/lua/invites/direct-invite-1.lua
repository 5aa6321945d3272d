--[[
direct-invite: add one direct invite to the invitee's pending invites,
deduplicated and capped. Expired entries are dropped first; an unexpired
invite with the same id (one id per (from, lobby): see invites/direct.ts) is
kept as it is, so repeating an invite neither duplicates it nor pushes again;
past `cap` pending invites the new one is refused.

KEYS[1] player:{<to>}:invites   hash inviteId -> JSON (DirectInvite)
ARGV[1] inviteId  ARGV[2] invite JSON  ARGV[3] now ms  ARGV[4] TTL ms  ARGV[5] cap
Returns {1} added; {0, existing JSON} already pending (nothing changes);
        {-1} RATE_LIMITED: the invitee has `cap` pending invites
]]
local now = tonumber(ARGV[3])
local all = redis.call('HGETALL', KEYS[1])
local live = 0
for i = 1, #all, 2 do
  local ok, invite = pcall(cjson.decode, all[i + 1])
  if not ok or type(invite) ~= 'table' or tonumber(invite.expiresAt or 0) <= now then
    redis.call('HDEL', KEYS[1], all[i])
  elseif all[i] == ARGV[1] then
    return {0, all[i + 1]}
  else
    live = live + 1
  end
end
if live >= tonumber(ARGV[5]) then return {-1} end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return {1}
