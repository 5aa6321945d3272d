export interface BackoffOptions {
  /** First delay, ms. */
  initialMs: number;
  /** Ceiling, ms. */
  maxMs: number;
  /** Multiplier per attempt. */
  factor: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 250, maxMs: 10_000, factor: 2 };

/**
 * Exponential backoff with "equal jitter": a uniform delay in [cap/2, cap],
 * so a crowd of clients dropped by one dead Coral does not come back in
 * lockstep, yet nobody retries with no delay at all.
 * `attempt` starts at 0. `random` is injectable for tests.
 */
export function backoffDelay(attempt: number, options: BackoffOptions = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  const cap = Math.min(options.maxMs, options.initialMs * options.factor ** Math.max(0, attempt));
  return Math.round(cap / 2 + (cap / 2) * random());
}
