/**
 * How the rest of a Coral sees its matchmaker, wherever it runs: queue events
 * go in (to wake a leading tick), tick figures and due game creations come out.
 */
import type { Logger } from 'pino';
import type { QueueConfig, QueueModeId } from '@glaceon/protocol';
import type { CoralConfig } from '../config/config.js';
import type { CoralMetrics } from '../metrics/metrics.js';
import type { LeaderTuning } from './messages.js';

export interface Matchmaking {
  /** Every raw queue event of `mode` (before any relevance filter). */
  onQueueEvent(mode: QueueModeId, raw: string): void;
  /** A reloaded configuration (see Leaders.apply). */
  applyQueues(open: QueueConfig[], closed: QueueModeId[]): void;
  /** Stop ticking and hand the leases over. */
  stop(): Promise<void>;
}

export interface MatchmakingDeps {
  config: CoralConfig;
  log: Logger;
  metrics: CoralMetrics;
  createGame: (mode: QueueModeId, prematchId: string) => void;
}

/** The configured queues this Coral leads (MODES may name a subset). */
export function servedQueues(config: CoralConfig): QueueConfig[] {
  return config.modes.flatMap((m) => config.queues.get(m) ?? []);
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
