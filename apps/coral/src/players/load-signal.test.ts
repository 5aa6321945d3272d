import { describe, expect, it } from 'vitest';
import { LoopDelay } from './load-signal.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('LoopDelay (measured event-loop delay)', () => {
  it('reads near zero on an idle loop and the stall after the loop was blocked', async () => {
    const delay = new LoopDelay(60_000).start();
    try {
      await sleep(100);
      delay.roll();
      expect(delay.delayMs).toBeLessThan(50);
      await sleep(30);
      const until = Date.now() + 300;
      while (Date.now() < until) {
        // the loop is blocked: no timer fires
      }
      await sleep(30);
      delay.roll();
      expect(delay.maxMs).toBeGreaterThanOrEqual(250);
      expect(delay.delayMs).toBeGreaterThanOrEqual(250);
    } finally {
      delay.stop();
    }
  });
});
