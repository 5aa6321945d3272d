/**
 * How far from a party's rating the matchmaker may look: starts narrow and
 * widens linearly with waiting time, so quality comes first and nobody waits
 * forever. Shown to queued players as the current widening.
 */
export interface RatingWindowOptions {
  /** Half-width at time zero. */
  baseWidth: number;
  /** Added per second of waiting. */
  widenPerSecond: number;
  /** Upper bound of the half-width. */
  maxWidth: number;
}

export const DEFAULT_RATING_WINDOW: RatingWindowOptions = { baseWidth: 100, widenPerSecond: 25, maxWidth: 2000 };

export function ratingWindow(waitMs: number, options: RatingWindowOptions = DEFAULT_RATING_WINDOW): number {
  const widened = options.baseWidth + (options.widenPerSecond * Math.max(0, waitMs)) / 1000;
  return Math.min(options.maxWidth, widened);
}
