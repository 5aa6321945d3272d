import { monitorEventLoopDelay, performance, type IntervalHistogram } from 'node:perf_hooks';

/**
 * This process's event-loop delay, measured (libuv timer lateness sampled every 10 ms) and
 * summarised per window: `delayMs` is the p90 of the last complete window (the loop is slow
 * most of the time, not once: a single stall, a GC pause or a frozen process resuming, is one
 * late sample and does not shed; `maxMs` has it). It is the one
 * number that says "this Coral is past its capacity" whatever the cause (player frames,
 * Redis replies, GC), so admission of new queue entries is bounded by it rather than by a
 * fixed guess (docs/decisions/coral-perf-003-overload-admission-and-liveness.md).
 */
export class LoopDelay {
  private readonly histogram: IntervalHistogram;
  private timer: ReturnType<typeof setInterval> | undefined;
  /** p90 event-loop delay of the last window, ms. */
  delayMs = 0;
  /** Worst single delay of the last window, ms. */
  maxMs = 0;

  /** performance.now() at the last roll. */
  private rolledAt = performance.now();

  constructor(private readonly windowMs = 500) {
    this.histogram = monitorEventLoopDelay({ resolution: 10 });
  }

  start(): this {
    this.histogram.enable();
    this.rolledAt = performance.now();
    this.timer = setInterval(() => this.roll(), this.windowMs);
    this.timer.unref();
    return this;
  }

  /** Close the current window now (also what the timer does). */
  roll(): void {
    const now = performance.now();
    // A window that is one stall: the roll itself came more than a window late and the
    // histogram holds too few samples for a p90 that is not simply its maximum (a frozen
    // process resuming, one long GC pause). It keeps the last measured delay, so a process
    // that was fine before the stall does not shed for the next window; a loop that was slow
    // before it keeps shedding.
    const stall = now - this.rolledAt > 2 * this.windowMs && this.histogram.count < 10;
    this.rolledAt = now;
    // The histogram counts from the sampling interval: subtract it so an idle loop reads ~0.
    if (!stall) this.delayMs = Math.max(0, this.histogram.percentile(90) / 1e6 - 10);
    this.maxMs = Math.max(0, this.histogram.max / 1e6 - 10);
    this.histogram.reset();
  }

  stop(): void {
    clearInterval(this.timer);
    this.histogram.disable();
  }
}
