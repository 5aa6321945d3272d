import { describe, expect, it } from 'vitest';
import { seededRandom } from '@glaceon/testkit';
import { parseArgs, replayCommand } from './args.js';

describe('chaos arguments', () => {
  it('parses the documented flags and prints a replay command that parses back to the same run', () => {
    const a = parseArgs(['--minutes', '10', '--corals', '4', '--realms', '2', '--moonstones', '4', '--rate', '2', '--seed', '3', '--cluster']);
    expect(a).toMatchObject({ minutes: 10, corals: 4, realms: 2, moonstones: 4, rate: 2, seed: 3, cluster: true });
    expect(parseArgs(replayCommand(a).split(' ').slice(4))).toEqual(a);
  });

  it('refuses unknown flags and out-of-range values', () => {
    expect(() => parseArgs(['--minutes', '0'])).toThrow(/--minutes/);
    expect(() => parseArgs(['--corals', '100'])).toThrow(/--corals/);
    expect(() => parseArgs(['--nope', '1'])).toThrow(/unknown option/);
    expect(() => parseArgs(['--rate', 'fast'])).toThrow(/--rate/);
  });

  it('a seed replays the same random sequence; another seed does not', () => {
    const take = (seed: number) => Array.from({ length: 5 }, seededRandom(seed));
    expect(take(1)).toEqual(take(1));
    expect(take(1)).not.toEqual(take(2));
    expect(take(1).every((x) => x >= 0 && x < 1)).toBe(true);
  });
});
