--[[
  Acquire or renew the matchmaker leader lease of one queue slot. A new holder
  increments the fencing epoch, which every claim and sweep script checks.
  With a candidate (ARGV[3..5], leader spreading: docs/decisions/queues-001 section 2),
  the caller also heartbeats in the slot's candidate set and learns who else is live,
  and a free lease is taken only when ARGV[5] = '1' (the caller ranks first, or the lease
  has been free for a whole TTL).
  KEYS[1] {q:<mode>}
  ARGV[1] owner id (unique per process)   ARGV[2] ttl ms
  ARGV[3] candidate id (the Coral's id; '' or absent: no candidate set, always try)
  ARGV[4] a candidate is live if seen within this (ms, by Redis's clock: Corals' clocks may differ)
  ARGV[5] '1' take a free lease; '0' only renew one already held
  Returns {1, epoch, 1, candidates...} leader; {0, epoch, held 0|1, candidates...} not leader
  (held: someone holds the lease). candidates: the live candidate ids (none without ARGV[3]).
]]
local q = KEYS[1]
local candidates = {}
local cand = ARGV[3] or ''
if cand ~= '' then
  local key = q .. ':candidates'
  local clock = redis.call('TIME')
  local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
  redis.call('ZADD', key, now, cand)
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now - tonumber(ARGV[4]))
  redis.call('PEXPIRE', key, tonumber(ARGV[4]) * 4)
  candidates = redis.call('ZRANGE', key, 0, 63)
end
local function reply(status, epoch, held)
  local out = { status, epoch, held }
  for _, c in ipairs(candidates) do out[#out + 1] = c end
  return out
end
local holder = redis.call('GET', q .. ':lease')
local current = redis.call('GET', q .. ':epoch')
if holder == ARGV[1] and current then
  redis.call('PEXPIRE', q .. ':lease', ARGV[2])
  return reply(1, tonumber(current), 1)
end
if holder and holder ~= ARGV[1] then return reply(0, tonumber(current or '0'), 1) end
if cand ~= '' and ARGV[5] ~= '1' then return reply(0, tonumber(current or '0'), 0) end
-- Free (or ours but the epoch vanished): take it under a new epoch.
local epoch = redis.call('INCR', q .. ':epoch')
redis.call('SET', q .. ':lease', ARGV[1], 'PX', ARGV[2])
return reply(1, epoch, 1)
