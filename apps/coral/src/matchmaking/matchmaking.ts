/**
 * How the rest of a Coral sees its matchmaker, wherever it runs: queue events
 * go in (to wake a leading tick), tick figures and due game creations come out.
 */
import type { Logger } from 'pino';
import { channels } from '@glaceon/store';
import type { QueueModeId } from '@glaceon/protocol';
import type { CoralConfig } from '../config/config.js';
import type { CoralMetrics } from '../metrics/metrics.js';
import type { LeaderTuning } from './messages.js';

export interface Matchmaking {
  /** Every raw queue event (before any relevance filter). */
  onQueueEvent(channel: string, raw: string): void;
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

/**
 * The mode whose leader a raw event should wake: a new matchable ticket
 * (`queued`, `requeued`). A substring test, not a parse: every Coral sees every
 * event of its modes.
 */
export function wakeModeOf(modes: readonly QueueModeId[]): (channel: string, raw: string) => QueueModeId | undefined {
  const byChannel = new Map(modes.map((m) => [channels.queueEvents(m), m] as const));
  return (channel, raw) => {
    const mode = byChannel.get(channel);
    return mode && (raw.includes('"e":"queued"') || raw.includes('"e":"requeued"')) ? mode : undefined;
  };
}
