/**
 * The status line a queued player sees, from the queue's shared numbers
 * (store `getQueueStats`) and the player's own queue time.
 */
import type { QueueStats } from '@glaceon/store';
import { DEFAULT_RATING_WINDOW, ratingWindow, type RatingWindowOptions } from './rating-window.js';

export interface QueueStatus {
  elapsedMs: number;
  /** Players searching in this mode. */
  searching: number;
  /** Estimated remaining wait from recent history (median wait minus elapsed, never negative); null with no history. */
  estimatedWaitMs: number | null;
  /** Current half-width of the rating window (grows with elapsed time). */
  ratingWindow: number;
}

export function queueStatus(stats: QueueStats, queuedAt: number, now: number, window: RatingWindowOptions = DEFAULT_RATING_WINDOW): QueueStatus {
  const elapsedMs = Math.max(0, now - queuedAt);
  return {
    elapsedMs,
    searching: stats.searching,
    estimatedWaitMs: stats.estimatedWaitMs === null ? null : Math.max(0, stats.estimatedWaitMs - elapsedMs),
    ratingWindow: Math.round(ratingWindow(elapsedMs, window)),
  };
}
