import { describe, expect, it } from 'vitest';
import { playerSocketCap, readFdLimit } from './socket-cap.js';

const LIMITS = `Limit                     Soft Limit           Hard Limit           Units
Max cpu time              unlimited            unlimited            seconds
Max open files            1024                 524288               files
Max locked memory         8388608              8388608              bytes
`;

describe('the player socket cap', () => {
  it('reads the soft open-files limit from /proc/self/limits text', () => {
    expect(readFdLimit(LIMITS)).toBe(1024);
    expect(readFdLimit(LIMITS.replace('1024   ', 'unlimited'))).toBeUndefined();
    expect(readFdLimit('')).toBeUndefined();
    expect(readFdLimit('garbage')).toBeUndefined();
  });

  it('reads this process limit on Linux', () => {
    const limit = readFdLimit();
    if (process.platform === 'linux') expect(limit).toBeGreaterThan(0);
  });

  it('is the limit minus the headroom, at most the configured cap', () => {
    expect(playerSocketCap({ fdLimit: 1024, headroom: 256, configured: undefined })).toBe(768);
    expect(playerSocketCap({ fdLimit: 1024, headroom: 256, configured: 100 })).toBe(100);
    expect(playerSocketCap({ fdLimit: 1024, headroom: 256, configured: 5000 })).toBe(768);
    expect(playerSocketCap({ fdLimit: undefined, headroom: 256, configured: 50 })).toBe(50);
    expect(playerSocketCap({ fdLimit: undefined, headroom: 256, configured: undefined })).toBe(1_000_000);
  });

  it('refuses to start when the limit leaves no room', () => {
    expect(() => playerSocketCap({ fdLimit: 200, headroom: 256, configured: undefined })).toThrow(/ulimit -n = 200.*FD_HEADROOM=256/);
  });
});
