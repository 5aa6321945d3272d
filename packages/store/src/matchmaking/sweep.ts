/**
 * The leader's sweeper, fenced by its epoch: settle expired ready checks, drop
 * queued lobbies whose players all vanished past the grace period, finish
 * cross-slot steps a dead Coral left half done, and report game creations due.
 */
import { GlaceonError, type QueueModeId } from '@glaceon/protocol';
import type { RedisClient } from '../redis.js';
import { queueKeys } from './keys.js';
import { applyMirrors } from './mirror.js';
import { runJson } from './scripts.js';
import type { SweepOptions, SweepResult } from './types.js';
import { arr } from './util.js';

export const DEFAULT_GRACE_MS = 30_000;
export const DEFAULT_REPAIR_AFTER_MS = 5_000;

export async function sweep(redis: RedisClient, mode: QueueModeId, epoch: number, now = Date.now(), options: SweepOptions = {}): Promise<SweepResult> {
  const tag = queueKeys.tag(mode);
  const max = options.maxItems ?? 500;
  const graceMs = options.graceMs ?? DEFAULT_GRACE_MS;
  const repairAfterMs = options.repairAfterMs ?? DEFAULT_REPAIR_AFTER_MS;

  const settled = await runJson(redis, 'settle-expired', [tag], [epoch, now, max]);
  if (settled.r === -1) throw new GlaceonError('STALE_EPOCH', 'sweep: the matchmaker lease was lost');
  await applyMirrors(redis, mode, settled.a, now);

  const unseen = await runJson(redis, 'expire-unseen', [tag], [epoch, now, now - graceMs, max]);
  if (unseen.r === -1) throw new GlaceonError('STALE_EPOCH', 'sweep: the matchmaker lease was lost');
  await applyMirrors(redis, mode, unseen.a, now);

  const overdue = await runJson(redis, 'outbox-due', [tag], [epoch, now, now - repairAfterMs, max]);
  if (overdue.r === -1) throw new GlaceonError('STALE_EPOCH', 'sweep: the matchmaker lease was lost');
  await applyMirrors(redis, mode, overdue.a, now);

  const creationsDue = await redis.zrangebyscore(queueKeys.creating(mode), '-inf', now, 'LIMIT', 0, max);
  return {
    timedOut: arr<string>(settled.pms),
    expiredTickets: arr<string>(unseen.tickets),
    repairedTickets: (overdue.a ?? []).map((a) => a[0]),
    creationsDue,
  };
}
