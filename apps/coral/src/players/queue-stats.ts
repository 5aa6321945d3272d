import type { CoralServerMessage, QueueConfig, QueueModeId, QueueWhy } from '@glaceon/protocol';
import { getQueueStats, type QueueStats, type RedisClient } from '@glaceon/store';
import { queueStatus } from '../engine/index.js';
import type { CoralMetrics } from '../metrics/metrics.js';
import { queueStatusMessage } from './messages.js';

/**
 * The queue figures this Coral last read per mode (players searching, estimated wait), and the
 * `queue.status` built from them. Written by the periodic read (`refresh`, the status room's) and
 * by `queued` events (`noteSearching`, fresher); read by whoever tells a queued player.
 */
export class QueueStatsBoard {
  private readonly stats = new Map<QueueModeId, QueueStats>();

  /** `rulesOf`: the queue's rating rules now (the configuration may be reloaded); the status shows its window. */
  constructor(private readonly rulesOf: (mode: QueueModeId) => QueueConfig | undefined = () => undefined) {}

  /**
   * The queue's size as of a `queued` event: fresher than the periodic stats (the first
   * queue.status of a lobby joining a quiet queue said "0 searching" before).
   */
  noteSearching(mode: QueueModeId, searching: number): void {
    const stats = this.stats.get(mode);
    this.stats.set(mode, { mode, estimatedWaitMs: stats?.estimatedWaitMs ?? null, searching: Math.max(0, searching) });
  }

  async refresh(redis: RedisClient, modes: readonly QueueModeId[], metrics: CoralMetrics): Promise<void> {
    await Promise.all(
      modes.map(async (mode) => {
        const s = await getQueueStats(redis, mode);
        this.stats.set(mode, s);
        metrics.queuedPlayers.set({ mode }, s.searching);
      }),
    );
  }

  statusOf(lobbyId: string, mode: QueueModeId, queuedAt: number, now: number, why?: QueueWhy): CoralServerMessage {
    const rating = this.rulesOf(mode)?.rating;
    const window = rating ? { baseWidth: rating.initialWindow, widenPerSecond: rating.widenPerSecond, maxWidth: rating.maxWindow } : undefined;
    const status = queueStatus(this.stats.get(mode) ?? { mode, searching: 0, estimatedWaitMs: null }, queuedAt, now, window);
    return queueStatusMessage({
      lobbyId,
      mode,
      queuedAt,
      now,
      searching: status.searching,
      estimatedWaitMs: status.estimatedWaitMs,
      ratingWindow: status.ratingWindow,
      ...(why ? { why } : {}),
    });
  }
}
