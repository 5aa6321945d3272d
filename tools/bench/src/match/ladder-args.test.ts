import { describe, expect, it } from 'vitest';
import { parseArgs } from './args.js';
import { checkFdLimits } from './ladder.js';

describe('bench:match ladder form', () => {
  it('parses --ladder with pinning and defaults', () => {
    const a = parseArgs(['--ladder', '400,800,1200', '--seconds', '10', '--pin-servers', '0', '--pin-clients', '1']);
    expect(a).toMatchObject({ ladder: [400, 800, 1200], seconds: 10, pinServers: '0', pinClients: '1', corals: 2, moonstones: 2, mode: '2v2' });
    expect(() => parseArgs(['--ladder', '400,x'])).toThrow(/comma-separated/);
    expect(() => parseArgs(['--ladder', '400', '--rate', '5', '--seconds', '2'])).toThrow(/replaces/);
    expect(() => parseArgs(['--ladder', '400', '--pin-servers', 'zero'])).toThrow(/CPU list/);
  });

  it('warms up at the lower of 200/s and the first step, or not at all with --warmup 0', () => {
    expect(parseArgs(['--ladder', '400,800'])).toMatchObject({ warmup: 200 });
    expect(parseArgs(['--ladder', '100,400'])).toMatchObject({ warmup: 100 });
    expect(parseArgs(['--ladder', '400', '--warmup', '0'])).toMatchObject({ warmup: 0 });
    expect(() => parseArgs(['--ladder', '400', '--warmup', '-5'])).toThrow(/positive/);
  });

  it('fails before starting, with the numbers, when the descriptor limit is too low', () => {
    expect(() => checkFdLimits({ sockets: 30_000, workers: 5, corals: 2, nginxWorkers: 5, limit: 10_000 })).toThrow(
      /ulimit -n = 10000.*30000 sockets.*each Coral needs ~15356/,
    );
    expect(() => checkFdLimits({ sockets: 30_000, workers: 5, corals: 2, nginxWorkers: 5, limit: 20_000 })).not.toThrow();
  });
});
