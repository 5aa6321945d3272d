import { describe, expect, it } from 'vitest';
import { LoopDelay } from './load-signal.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('LoopDelay (measured event-loop delay)', () => {
  it('reads near zero on an idle loop; one stall shows in maxMs but not in the p90; a loop slow most of the time does', async () => {
    const delay = new LoopDelay(60_000).start();
    try {
      // Long enough (about 100 samples) that one moment off the CPU (a busy test machine) is not the p90.
      await sleep(1000);
      delay.roll();
      expect(delay.delayMs).toBeLessThan(50);
      // A window like production's (about 50 samples of 10 ms) with one stall in it.
      await sleep(300);
      const until = Date.now() + 300;
      while (Date.now() < until) {
        // the loop is blocked: no timer fires
      }
      await sleep(300);
      delay.roll();
      expect(delay.maxMs).toBeGreaterThanOrEqual(250);
      expect(delay.delayMs).toBeLessThan(250);
      // Slow most of the time: every turn blocks 60 ms.
      for (let i = 0; i < 12; i++) {
        const busyUntil = Date.now() + 60;
        while (Date.now() < busyUntil) {
          // a long turn
        }
        await new Promise((r) => setImmediate(r));
        await sleep(1);
      }
      delay.roll();
      expect(delay.delayMs).toBeGreaterThanOrEqual(40);
    } finally {
      delay.stop();
    }
  });

  it('a process frozen past a window and resumed (SIGSTOP, a long pause) does not shed afterwards; maxMs shows the stall', async () => {
    const delay = new LoopDelay(100);
    // Every window as it closes, whenever this test gets to look (a loaded machine may run its
    // timers late, past the next roll).
    const windows: { delayMs: number; maxMs: number }[] = [];
    const roll = delay.roll.bind(delay);
    delay.roll = () => {
      roll();
      windows.push({ delayMs: delay.delayMs, maxMs: delay.maxMs });
    };
    delay.start();
    try {
      await sleep(350); // a few normal windows
      expect(delay.delayMs).toBeLessThan(50);
      const until = Date.now() + 700;
      while (Date.now() < until) {
        // frozen: no timer fires, then the late roll and the late sample come together
      }
      const frozenAt = windows.length;
      while (windows.length < frozenAt + 4) await sleep(20);
      const after = windows.slice(frozenAt);
      expect(Math.max(...after.map((w) => w.maxMs))).toBeGreaterThanOrEqual(600);
      expect(Math.max(...after.map((w) => w.delayMs))).toBeLessThan(250);
    } finally {
      delay.stop();
    }
  });
});
