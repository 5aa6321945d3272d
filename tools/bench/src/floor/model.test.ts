import { describe, expect, it } from 'vitest';
import { FLOOR_PER_PLAYER, floorMsPerPlayer, median, usPerOp } from './model.js';

describe('the floor model', () => {
  it('takes the idle baseline out of a window before dividing by the operations done', () => {
    // 640 ms in 5 s, of which 9 ms/s is what the same window costs with nothing to do.
    expect(usPerOp(640, 9, 5, 18_000)).toBeCloseTo(((640 - 45) * 1000) / 18_000, 6);
    // A window cheaper than idle (clock-tick rounding) costs nothing, never a negative amount.
    expect(usPerOp(20, 9, 5, 100)).toBe(0);
    expect(usPerOp(100, 0, 5, 0)).toBeNaN();
  });

  it('sums each unit cost times its count per player, and refuses a missing one', () => {
    const costs = new Map(Object.keys(FLOOR_PER_PLAYER).map((op) => [op as keyof typeof FLOOR_PER_PLAYER, 10]));
    const perPlayer = Object.values(FLOOR_PER_PLAYER).reduce((a, b) => a + b, 0);
    expect(floorMsPerPlayer(costs).ms).toBeCloseTo((perPlayer * 10) / 1000, 2);
    costs.set('sign', 1000);
    const floor = floorMsPerPlayer(costs);
    expect(floor.byOp.sign).toBe(FLOOR_PER_PLAYER.sign * 1);
    expect(floor.ms).toBeCloseTo(((perPlayer - FLOOR_PER_PLAYER.sign) * 10 + FLOOR_PER_PLAYER.sign * 1000) / 1000, 2);
    costs.delete('frame');
    expect(() => floorMsPerPlayer(costs)).toThrow(/frame/);
  });

  it('takes the median of the runs', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });
});
