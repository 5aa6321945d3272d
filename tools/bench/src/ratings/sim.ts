/**
 * Ratings simulation (issue #16): players with hidden true skills play
 * seeded random games through the real rating code (the store's model, no
 * Redis), and we measure how well each model's learned ratings rank the
 * players: the Spearman correlation between display ratings and true skill,
 * for OpenSkill and for the replaced team Elo on the very same games.
 */
import { DEFAULT_RATING, DEFAULT_SKILL, displayRating, eloTeamDeltas, rateTeams, type Skill } from '@glaceon/store';
import { seededRandom } from '@glaceon/testkit';

export interface SimOptions {
  players: number;
  games: number;
  seed: number;
  /** Share of games that are 2v2 (the rest are 1v1), so teams and parties are exercised too. */
  teamShare?: number;
}

export interface SimResult {
  players: number;
  games: number;
  seed: number;
  openskill: { spearman: number };
  elo: { spearman: number };
  ms: number;
}

function gaussian(random: () => number): number {
  const u = Math.max(random(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

function ranks(values: readonly number[]): number[] {
  const order = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
  const out = new Array<number>(values.length);
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j + 1 < order.length && order[j + 1]![0] === order[i]![0]) j++;
    const avg = (i + j) / 2 + 1; // ties share their mean rank
    for (let k = i; k <= j; k++) out[order[k]![1]] = avg;
    i = j + 1;
  }
  return out;
}

/** Spearman's rank correlation: Pearson's correlation of the ranks. */
export function spearman(a: readonly number[], b: readonly number[]): number {
  const ra = ranks(a);
  const rb = ranks(b);
  const n = ra.length;
  const ma = ra.reduce((s, x) => s + x, 0) / n;
  const mb = rb.reduce((s, x) => s + x, 0) / n;
  let num = 0;
  let da = 0;
  let db = 0;
  for (let i = 0; i < n; i++) {
    const x = ra[i]! - ma;
    const y = rb[i]! - mb;
    num += x * y;
    da += x * x;
    db += y * y;
  }
  return num / Math.sqrt(da * db);
}

export function simulate(options: SimOptions): SimResult {
  const started = performance.now();
  const random = seededRandom(options.seed);
  const teamShare = options.teamShare ?? 0.5;
  const truth = Array.from({ length: options.players }, () => gaussian(random));
  const skills: Skill[] = truth.map(() => ({ ...DEFAULT_SKILL }));
  const elo = truth.map(() => DEFAULT_RATING);
  const pick = (n: number): number[] => {
    const chosen = new Set<number>();
    while (chosen.size < n) chosen.add(Math.floor(random() * options.players));
    return [...chosen];
  };
  for (let g = 0; g < options.games; g++) {
    const size = random() < teamShare ? 2 : 1;
    const ids = pick(2 * size);
    const teams = [ids.slice(0, size), ids.slice(size)];
    // Each player's performance is their true skill plus noise (sd 1, like the skills' spread).
    const perf = teams.map((t) => t.reduce((s, p) => s + truth[p]! + gaussian(random), 0));
    const winner = perf[0]! >= perf[1]! ? 0 : 1;
    const rated = rateTeams(
      teams.map((t) => t.map((p) => skills[p]!)),
      winner,
    );
    teams.forEach((t, i) => t.forEach((p, j) => (skills[p] = rated[i]![j]!)));
    const deltas = eloTeamDeltas(
      teams.map((t) => t.reduce((s, p) => s + elo[p]!, 0) / t.length),
      winner,
    );
    teams.forEach((t, i) => t.forEach((p) => (elo[p] = elo[p]! + deltas[i]!)));
  }
  const round = (x: number) => Math.round(x * 10_000) / 10_000;
  return {
    players: options.players,
    games: options.games,
    seed: options.seed,
    openskill: { spearman: round(spearman(skills.map(displayRating), truth)) },
    elo: { spearman: round(spearman(elo, truth)) },
    ms: Math.round(performance.now() - started),
  };
}
