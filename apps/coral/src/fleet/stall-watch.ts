/**
 * How long this process's event loop was not listening, measured: a probe timer every
 * `probeMs` records each time it fired late (the loop was busy or the process was frozen)
 * and by how much. The fleet sweeper passes the stall time of the recent past as grace to
 * the sweep, so a Moonstone whose heartbeats waited behind Coral's own stall is not declared
 * lost: a server is lost only after a whole TTL of *listening* without a heartbeat
 * (docs/decisions/coral-perf-003-overload-admission-and-liveness.md).
 */
export class StallWatch {
  private timer: ReturnType<typeof setInterval> | undefined;
  private lastProbeAt = performance.now();
  /** Recent stalls: when each ended (performance.now()) and how long it was, ms. */
  private readonly stalls: { endAt: number; ms: number }[] = [];

  constructor(
    /** Count stalls that ended within this long (ms); longer ago cannot hide a missed heartbeat. */
    private readonly windowMs: number,
    private readonly probeMs = 50,
    /** Lateness below this is ordinary scheduling jitter, not a stall. */
    private readonly minStallMs = 20,
    /** Grace never exceeds this: a Coral stalled for minutes still judges servers eventually. */
    private readonly maxGraceMs = 60_000,
  ) {}

  start(): this {
    this.lastProbeAt = performance.now();
    this.timer = setInterval(() => this.probe(), this.probeMs);
    this.timer.unref();
    return this;
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** Record the gap since the last probe (the timer calls this; the sweeper too, so a stall it wakes up from counts before the probe's own timer ran). */
  probe(now = performance.now()): void {
    const late = now - this.lastProbeAt - this.probeMs;
    this.lastProbeAt = now;
    if (late >= this.minStallMs) this.stalls.push({ endAt: now, ms: late });
    while (this.stalls.length > 0 && now - this.stalls[0]!.endAt > this.windowMs) this.stalls.shift();
    if (this.stalls.length > 1000) this.stalls.splice(0, this.stalls.length - 1000);
  }

  /** Time this loop was stalled within the window (ms), including a stall it is only now waking from. */
  graceMs(now = performance.now()): number {
    this.probe(now);
    let sum = 0;
    for (const s of this.stalls) sum += s.ms;
    return Math.min(this.maxGraceMs, sum);
  }
}
