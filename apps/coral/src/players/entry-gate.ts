import { GlaceonError } from '@glaceon/protocol';

/**
 * At most `limit` queue entries (and cancels) in flight on this Coral; the
 * rest wait in arrival order. Without it a herd (thousands of hosts pressing
 * "queue" after an outage, or the benchmark's burst) starts every entry at
 * once: thousands of pipelined scripts in Redis and replies in the event loop,
 * so every other message, a match.found among them, waits behind the whole
 * herd. With it the herd is served at the same rate and the rest stays prompt.
 * See docs/decisions/coral-perf-002-matchmaker-thread-and-entry-gate.md.
 */
export class EntryGate {
  private inFlight = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly limit: number,
    /** Waiters beyond this are refused at once with a typed, retryable UNAVAILABLE (issue #12, item 11). */
    private readonly maxWaiting = Number.POSITIVE_INFINITY,
  ) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`EntryGate: limit must be a positive integer, got ${limit}`);
  }

  /** Requests waiting for a slot. */
  get queued(): number {
    return this.waiting.length;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.inFlight < this.limit) this.inFlight++;
    else if (this.waiting.length >= this.maxWaiting) throw new GlaceonError('UNAVAILABLE', 'Matchmaking is busy; try again in a moment.');
    // A finishing task hands its slot straight to the oldest waiter, so no later arrival overtakes it.
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.inFlight--;
    }
  }
}
