import { queueOfSlot, regionOfSlot, type QueueModeId } from '@glaceon/protocol';
import type { CoralMetrics } from '../metrics/metrics.js';
import type { MatchmakingDeps } from './matchmaking.js';
import type { TickSummary } from './messages.js';

/** Prematches whose game creation is due (the sweeper found them): count them and start each. */
export function startDueCreations(deps: MatchmakingDeps, mode: QueueModeId, prematchIds: readonly string[]): void {
  deps.metrics.recoveries.inc({ kind: 'game_creation_due' }, prematchIds.length);
  for (const pm of prematchIds) deps.createGame(mode, pm);
}

/** A leader tick's figures into this Coral's /metrics. */
export function observeTick(metrics: CoralMetrics, mode: QueueModeId, r: TickSummary): void {
  if (r.leader) metrics.tickDuration.observe({ mode }, (r.phases.lease + r.phases.list + r.phases.match + r.phases.claim + r.phases.sweep) / 1000);
  if (r.claimed > 0) metrics.matches.inc({ mode }, r.claimed);
  if (r.conflicts > 0) metrics.claimConflicts.inc({ mode, code: 'TICKET_TAKEN' }, r.conflicts);
  if (r.staleRejected > 0) metrics.claimConflicts.inc({ mode, code: 'STALE_EPOCH' }, r.staleRejected);
  for (const w of r.waits) metrics.timeToMatch.observe({ mode }, w / 1000);
  for (const d of r.sincePossible) metrics.matchDelay.observe({ mode }, d / 1000);
  for (const q of r.quality) {
    metrics.ratingSpread.observe({ mode }, q.ratingSpread);
    metrics.teamBalance.observe({ mode }, q.teamBalance);
    if (q.highestLatencyMs !== undefined) metrics.highestLatency.observe({ queue: queueOfSlot(mode), region: regionOfSlot(mode) ?? '' }, q.highestLatencyMs);
  }
  if (r.timedOut) metrics.recoveries.inc({ kind: 'readycheck_timeout' }, r.timedOut);
  if (r.expiredTickets) metrics.recoveries.inc({ kind: 'unseen_lobby' }, r.expiredTickets);
  if (r.repairedTickets) metrics.recoveries.inc({ kind: 'half_done_step' }, r.repairedTickets);
}
