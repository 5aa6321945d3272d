-- End one running game: mark it ended, free its slot on its server, and put it
-- in the outbox (claimed by the caller until claimUntil) so that Coral's
-- onGameEnded hook runs at least once even if the caller dies now.
-- Returns true when this call ended it, false when it was not running.
local function fleet_end_game(prefix, gameId, reason, winningTeam, now, endedTtlMs, claimUntil)
  local gameKey = prefix .. ':game:' .. gameId
  if redis.call('HGET', gameKey, 'state') ~= 'running' then return false end
  local serverId = redis.call('HGET', gameKey, 'serverId')
  redis.call('HSET', gameKey, 'state', 'ended', 'endReason', reason, 'endedAt', now)
  if winningTeam ~= nil and winningTeam ~= '' then redis.call('HSET', gameKey, 'winningTeam', winningTeam) end
  redis.call('SREM', prefix .. ':server:' .. serverId .. ':games', gameId)
  redis.call('PEXPIRE', gameKey, endedTtlMs)
  redis.call('PEXPIRE', gameKey .. ':players', endedTtlMs)
  redis.call('PEXPIRE', gameKey .. ':departed', endedTtlMs)
  redis.call('ZADD', prefix .. ':outbox', claimUntil, gameId)
  redis.call('ZREM', prefix .. ':game-deadlines', gameId)
  return true
end
