import { GlaceonError } from '@glaceon/protocol';

export interface EntryGateOptions {
  /** Waiters beyond this are refused at once with a typed, retryable UNAVAILABLE (issue #12, item 11). */
  maxWaiting?: number;
  /**
   * Admission by measured wait (issue #13): when the oldest waiter has already waited this long,
   * the line is longer than this Coral drains in that time, so a new sheddable entry is refused
   * at once with BUSY (retryable) instead of joining a line it would time out in.
   */
  maxWaitMs?: number;
  /** A measured reason to shed (e.g. the event-loop delay over its bound); undefined: admit. */
  overloaded?: () => string | undefined;
  /** Called with the reason of every refusal (metrics). */
  onShed?: (reason: 'waiting_full' | 'wait' | 'loop_delay') => void;
}

/**
 * At most `limit` queue entries (and cancels) in flight on this Coral; the
 * rest wait in arrival order. Without it a herd (thousands of hosts pressing
 * "queue" after an outage, or the benchmark's burst) starts every entry at
 * once: thousands of pipelined scripts in Redis and replies in the event loop,
 * so every other message, a match.found among them, waits behind the whole
 * herd. With it the herd is served at the same rate and the rest stays prompt.
 * See docs/decisions/coral-perf-002-matchmaker-thread-and-entry-gate.md.
 *
 * Past capacity it sheds: a sheddable entry (a new queue entry, not a cancel) is refused at
 * once with a typed retryable BUSY when the line's measured wait or the event loop's measured
 * delay is over its bound; every request gets an answer, none is left to time out
 * (docs/decisions/coral-perf-003-overload-admission-and-liveness.md).
 */
export class EntryGate {
  private inFlight = 0;
  private readonly waiting: { resolve: () => void; since: number }[] = [];
  private readonly maxWaiting: number;
  private readonly options: EntryGateOptions;

  constructor(
    private readonly limit: number,
    maxWaitingOrOptions: number | EntryGateOptions = {},
  ) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`EntryGate: limit must be a positive integer, got ${limit}`);
    this.options = typeof maxWaitingOrOptions === 'number' ? { maxWaiting: maxWaitingOrOptions } : maxWaitingOrOptions;
    this.maxWaiting = this.options.maxWaiting ?? Number.POSITIVE_INFINITY;
  }

  /** Requests waiting for a slot. */
  get queued(): number {
    return this.waiting.length;
  }

  /** How long the oldest waiter has waited, ms (0 with nobody waiting). */
  oldestWaitMs(now = performance.now()): number {
    const head = this.waiting[0];
    return head ? now - head.since : 0;
  }

  async run<T>(task: () => Promise<T>, options: { sheddable?: boolean } = {}): Promise<T> {
    if (options.sheddable) this.admit();
    if (this.inFlight < this.limit) this.inFlight++;
    else if (this.waiting.length >= this.maxWaiting) {
      this.options.onShed?.('waiting_full');
      throw GlaceonError.refusal('UNAVAILABLE', 'Matchmaking is busy; try again in a moment.');
    }
    // A finishing task hands its slot straight to the oldest waiter, so no later arrival overtakes it.
    else await new Promise<void>((resolve) => this.waiting.push({ resolve, since: performance.now() }));
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next.resolve();
      else this.inFlight--;
    }
  }

  /** Refuse a sheddable entry now (BUSY) when a measured signal says this Coral is past capacity. */
  private admit(): void {
    const { maxWaitMs, overloaded, onShed } = this.options;
    if (maxWaitMs !== undefined && this.oldestWaitMs() > maxWaitMs) {
      onShed?.('wait');
      throw GlaceonError.refusal('BUSY', `Matchmaking is busy (entries wait over ${maxWaitMs} ms); retry in a moment.`);
    }
    const why = overloaded?.();
    if (why !== undefined) {
      onShed?.('loop_delay');
      throw GlaceonError.refusal('BUSY', `Matchmaking is busy (${why}); retry in a moment.`);
    }
  }
}
