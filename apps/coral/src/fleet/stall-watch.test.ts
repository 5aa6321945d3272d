import { describe, expect, it } from 'vitest';
import { StallWatch } from './stall-watch.js';

describe('StallWatch', () => {
  it('sums the stalls of the window (lateness past the probe period), forgets older ones, and is capped', () => {
    const w = new StallWatch(9000, 50, 20, 10_000);
    // Probes on time: no stall.
    w.probe(performance.now());
    const t0 = performance.now();
    w.probe(t0 + 50);
    w.probe(t0 + 105); // 5 ms late: jitter
    expect(w.graceMs(t0 + 155)).toBe(0);
    // Frozen for 4 s: the next look (a probe or the sweeper's) sees it.
    expect(w.graceMs(t0 + 4205)).toBeCloseTo(4000, 0);
    w.probe(t0 + 4255);
    w.probe(t0 + 4505); // 200 ms late
    expect(w.graceMs(t0 + 4555)).toBeCloseTo(4200, 0);
    // Ten seconds of punctual probes later both stalls are out of the window.
    let t = t0 + 4555;
    while (t < t0 + 14_000) w.probe((t += 50));
    expect(w.graceMs(t + 50)).toBe(0);
    // A very long stall is capped.
    expect(w.graceMs(t + 50 + 120_000)).toBe(10_000);
  });
});
