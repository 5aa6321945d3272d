/**
 * Cross-slot step 2 of every transition: copy the queue entry's state (the
 * authority) onto the lobby hash, then clear the outbox. If the process dies
 * in between, the leader's sweeper finds the entry in the outbox and does it.
 */
import { keys } from '../keys.js';
import type { RedisClient } from '../redis.js';
import { script, type Affected } from './scripts.js';
import { queueKeys } from './keys.js';
import { lobbyChanged } from './lobby-notify.js';

export async function applyMirrors(redis: RedisClient, mode: string, affected: readonly Affected[] | undefined, now: number): Promise<void> {
  if (!affected || affected.length === 0) return;
  const mirror = script(redis, 'lobby-mirror');
  await Promise.all(
    affected.map(async ([ticket, lobbyId, seq, state, reason, result, by]) => {
      if (!lobbyId) return;
      // Applied: status 1 and the lobby's member ids (possibly none); stale: 0.
      const [applied, ...memberIds] = await mirror([keys.lobby(lobbyId)], [ticket, seq, state, now, reason, result, by ?? '']);
      if (applied === 1) await lobbyChanged(redis, lobbyId, memberIds as string[]);
    }),
  );
  await script(redis, 'outbox-done')(
    [queueKeys.tag(mode)],
    affected.flatMap(([ticket, , seq]) => [ticket, seq]),
  );
}
