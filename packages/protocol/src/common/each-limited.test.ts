import { describe, expect, it } from 'vitest';
import { eachLimited } from './each-limited.js';

describe('eachLimited', () => {
  it('runs every item once, in start order, never more than `limit` at a time', async () => {
    const started: number[] = [];
    let inFlight = 0;
    let most = 0;
    await eachLimited([10, 11, 12, 13, 14, 15, 16], 3, async (item, index) => {
      expect(item).toBe(index + 10);
      started.push(index);
      most = Math.max(most, ++inFlight);
      await new Promise((r) => setTimeout(r, (7 - index) % 3));
      inFlight--;
    });
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(most).toBe(3);
  });

  it('does nothing for no items, and a failure rejects the whole run', async () => {
    await eachLimited([], 4, async () => {
      throw new Error('never called');
    });
    await expect(
      eachLimited([1, 2], 2, async (n) => {
        if (n === 2) throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
  });
});
