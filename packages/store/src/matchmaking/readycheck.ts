/** The ready check: accept or decline before the prematch deadline. */
import type { RedisClient } from '../redis.js';
import { queueKeys } from './keys.js';
import { applyMirrors } from './mirror.js';
import { check, runJson } from './scripts.js';
import type { AcceptResult, ReadyCheckInput } from './types.js';
import { arr } from './util.js';

/** After the last accept, the accepting Coral has this long to start game creation before the sweeper reports it due. */
export const CREATION_START_GRACE_MS = 5_000;

export async function acceptMatch(redis: RedisClient, input: ReadyCheckInput): Promise<AcceptResult> {
  const now = input.now ?? Date.now();
  const reply = check(
    'accept-match',
    await runJson(redis, 'accept-match', [queueKeys.tag(input.mode)], [input.prematchId, input.playerId, now, CREATION_START_GRACE_MS]),
  );
  await applyMirrors(redis, input.mode, reply.a, now);
  return { accepted: arr<string>(reply.accepted), players: arr<string>(reply.players), allAccepted: reply.all === 1, gameId: String(reply.gameId) };
}

/** Decline: this player's lobby goes idle (`declined`), the other lobbies are requeued with their original queuedAt. */
export async function declineMatch(redis: RedisClient, input: ReadyCheckInput): Promise<void> {
  const now = input.now ?? Date.now();
  const reply = check('decline-match', await runJson(redis, 'decline-match', [queueKeys.tag(input.mode)], [input.prematchId, input.playerId, now]));
  await applyMirrors(redis, input.mode, reply.a, now);
}
