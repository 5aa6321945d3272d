/**
 * How far from a party's rating the matchmaker may look: starts narrow and
 * widens linearly with waiting time, so quality comes first and nobody waits
 * forever. Shown to queued players as the current widening. An uncertain
 * party (a new player, sigma high) starts wider: its mean is a guess, so a
 * tight window would only make it wait (docs/ratings.md).
 */
export interface RatingWindowOptions {
  /** Half-width at time zero. */
  baseWidth: number;
  /** Added per second of waiting. */
  widenPerSecond: number;
  /** Upper bound of the half-width. */
  maxWidth: number;
  /** Added per point of the party's rating uncertainty (sigma). Default 0.5. */
  uncertaintyWeight?: number;
}

export const DEFAULT_RATING_WINDOW: RatingWindowOptions = { baseWidth: 100, widenPerSecond: 25, maxWidth: 2000, uncertaintyWeight: 0.5 };

export function ratingWindow(waitMs: number, options: RatingWindowOptions = DEFAULT_RATING_WINDOW, uncertainty = 0): number {
  const widened = options.baseWidth + (options.widenPerSecond * Math.max(0, waitMs)) / 1000 + (options.uncertaintyWeight ?? 0.5) * Math.max(0, uncertainty);
  return Math.min(options.maxWidth, widened);
}
