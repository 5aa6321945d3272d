/**
 * How the rest of a Coral sees its matchmaker, wherever it runs: queue events
 * go in (to wake a leading tick), tick figures and due game creations come out.
 */
import type { Logger } from 'pino';
import type { QueueModeId } from '@glaceon/protocol';
import type { CoralConfig } from '../config/config.js';
import type { CoralMetrics } from '../metrics/metrics.js';
import type { LeaderTuning } from './messages.js';

export interface Matchmaking {
  /** Every raw queue event of `mode` (before any relevance filter). */
  onQueueEvent(mode: QueueModeId, raw: string): void;
  /** Stop ticking and hand the leases over. */
  stop(): Promise<void>;
}

export interface MatchmakingDeps {
  config: CoralConfig;
  log: Logger;
  metrics: CoralMetrics;
  createGame: (mode: QueueModeId, prematchId: string) => void;
}

export function leaderTuning(config: CoralConfig): LeaderTuning {
  return {
    tickMs: config.matchTickMs,
    leaseTtlMs: config.leaseTtlMs,
    sweepEveryMs: config.sweepEveryMs,
    graceMs: config.graceMs,
    ...(config.acceptTimeoutMs ? { acceptTimeoutMs: config.acceptTimeoutMs } : {}),
  };
}
