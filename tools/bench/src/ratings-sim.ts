/**
 * `npm run sim:ratings -- --players 1000 --games 20000 --seed 1`: prints one
 * JSON line, the Spearman correlation of learned ratings with true skills for
 * OpenSkill and for the old Elo (docs/ratings.md).
 */
import { parseArgs } from 'node:util';
import { simulate } from './ratings/sim.js';

const { values } = parseArgs({
  options: {
    players: { type: 'string', default: '1000' },
    games: { type: 'string', default: '20000' },
    seed: { type: 'string', default: '1' },
    'team-share': { type: 'string', default: '0.5' },
  },
});
const int = (name: string, v: string | undefined, max: number): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > max) throw new Error(`--${name} must be an integer from 0 to ${max}`);
  return n;
};
const players = int('players', values.players, 1_000_000);
if (players < 4) throw new Error('--players must be at least 4');
const share = Number(values['team-share']);
if (!(share >= 0 && share <= 1)) throw new Error('--team-share must be between 0 and 1');
const result = simulate({ players, games: int('games', values.games, 10_000_000), seed: int('seed', values.seed, 2 ** 32 - 1), teamShare: share });
console.log(JSON.stringify(result));
