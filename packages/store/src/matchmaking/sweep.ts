/**
 * The leader's sweeper, fenced by its epoch: settle expired ready checks, drop
 * queued lobbies whose players all vanished past the grace period, finish
 * cross-slot steps a dead Coral left half done (moves between slots included),
 * and report game creations due.
 */
import type { QueueModeId } from '@glaceon/protocol';
import type { RedisClient } from '../redis.js';
import { queueKeys } from './keys.js';
import { applyMirrors } from './mirror.js';
import { movesOf, repairMove, type MoveRef } from './move.js';
import { check, runJson } from './scripts.js';
import type { SweepOptions, SweepResult } from './types.js';
import { arr } from './util.js';

export const DEFAULT_GRACE_MS = 30_000;
export const DEFAULT_REPAIR_AFTER_MS = 5_000;

export async function sweep(redis: RedisClient, mode: QueueModeId, epoch: number, now = Date.now(), options: SweepOptions = {}): Promise<SweepResult> {
  const tag = queueKeys.tag(mode);
  const max = options.maxItems ?? 500;
  const graceMs = options.graceMs ?? DEFAULT_GRACE_MS;
  const repairAfterMs = options.repairAfterMs ?? DEFAULT_REPAIR_AFTER_MS;

  // A lost lease (stale epoch) throws STALE_EPOCH: the caller stops leading.
  const settled = check('settle-expired', await runJson(redis, 'settle-expired', [tag], [epoch, now, max]));
  await applyMirrors(redis, mode, settled.a, now);

  const unseen = check('expire-unseen', await runJson(redis, 'expire-unseen', [tag], [epoch, now, now - graceMs, max]));
  await applyMirrors(redis, mode, unseen.a, now);

  const overdue = check('outbox-due', await runJson(redis, 'outbox-due', [tag], [epoch, now, now - repairAfterMs, max]));
  await applyMirrors(redis, mode, overdue.a, now);
  // Halves of moves left half done (either side: this slot is the source or the target).
  // Independent of each other (idempotent, each fenced in its lobby), so in parallel. One that
  // fails must not stop the sweep: it stays in the outbox and is tried again next time.
  const moves = movesOf(mode, overdue.moves);
  const outcomes = await Promise.all(moves.map((move) => repairMove(redis, move, now).catch(() => null)));
  const repairedMoves: (MoveRef & { outcome: string })[] = [];
  moves.forEach((move, i) => {
    const outcome = outcomes[i];
    if (outcome) repairedMoves.push({ ...move, outcome });
  });

  const creationsDue = await redis.zrangebyscore(queueKeys.creating(mode), '-inf', now, 'LIMIT', 0, max);
  return {
    timedOut: arr<string>(settled.pms),
    notAccepted: arr<string>(settled.late),
    expiredTickets: arr<string>(unseen.tickets),
    repairedTickets: (overdue.a ?? []).map((a) => a[0]),
    repairedMoves,
    creationsDue,
  };
}
