/**
 * The rating model: Weng-Lin (OpenSkill, Plackett-Luce) from the maintained
 * `openskill` package, on an Elo-like scale so a new player's mean equals the
 * old Elo default and the matcher's window keeps its units. Every number a
 * player sees (display rating, tier, provisional) is derived here; the store
 * only persists mu, sigma and counters. docs/ratings.md explains each choice.
 */
import { ordinal, rate, rating as osRating } from 'openskill';

export interface Skill {
  /** Mean of the skill belief. */
  mu: number;
  /** Uncertainty (standard deviation) of the belief. */
  sigma: number;
}

/** Model parameters (OpenSkill's defaults scaled by 60 so mu0 = the old Elo default, 1500). */
export const RATING_MODEL = {
  mu: 1500,
  sigma: 500,
  /** Performance spread per game (OpenSkill default sigma / 2). */
  beta: 250,
  /** Added uncertainty per game so ratings keep learning (OpenSkill default mu / 300). */
  tau: 5,
  /**
   * Display rating = max(0, mu - z * sigma): a conservative estimate (the true
   * skill is above it with ~98% confidence). z = 2 rather than OpenSkill's 3 so a
   * new player starts at 500, not 0, and a first loss shows as a loss.
   */
  z: 2,
  /** The first games are provisional: the display says so and tiers are withheld. */
  provisionalGames: 5,
} as const;

export const DEFAULT_SKILL: Skill = { mu: RATING_MODEL.mu, sigma: RATING_MODEL.sigma };

const options = { mu: RATING_MODEL.mu, sigma: RATING_MODEL.sigma, beta: RATING_MODEL.beta, tau: RATING_MODEL.tau, limitSigma: true } as const;

export function displayRating(skill: Skill): number {
  return Math.max(0, Math.round(ordinal(skill, { z: RATING_MODEL.z })));
}

export function isProvisional(games: number): boolean {
  return games < RATING_MODEL.provisionalGames;
}

/**
 * Rate one game. `teams[i]` holds the skills of team i's players (any size, so
 * parties and uneven teams are rated as the model says); `winningTeam`
 * undefined = a draw. Returns the new skills in the same shape.
 */
export function rateTeams(teams: readonly (readonly Skill[])[], winningTeam: number | undefined): Skill[][] {
  if (teams.length < 2 || teams.some((t) => t.length === 0)) return teams.map((t) => t.map((s) => ({ ...s })));
  const rank = teams.map((_, i) => (winningTeam === undefined ? 1 : i === winningTeam ? 1 : 2));
  const out = rate(
    teams.map((t) => t.map((s) => osRating({ mu: s.mu, sigma: s.sigma }, options))),
    { ...options, rank },
  );
  return out.map((t) => t.map((s) => ({ mu: s.mu, sigma: s.sigma })));
}

/**
 * Stored Elo -> skill (the migration rule, docs/ratings.md): the mean keeps the
 * Elo number (same scale, 1500 = new), and the uncertainty shrinks with the
 * games the Elo had seen, never below 150: sigma = max(150, 500 * sqrt(5 / (5 + games))).
 */
export function skillFromElo(elo: number, games: number): Skill {
  const sigma = Math.max(150, RATING_MODEL.sigma * Math.sqrt(5 / (5 + Math.max(0, games))));
  return { mu: elo, sigma };
}

/** A player's skill from their rating hash fields (a legacy Elo migrates by the documented rule). */
export function skillFromFields(fields: { mu?: string | null; sigma?: string | null; elo?: string | null; games?: string | null }): Skill {
  const mu = Number(fields.mu);
  const sigma = Number(fields.sigma);
  if (fields.mu != null && fields.sigma != null && Number.isFinite(mu) && Number.isFinite(sigma) && sigma > 0) return { mu, sigma };
  const elo = Number(fields.elo);
  if (fields.elo != null && Number.isFinite(elo)) return skillFromElo(elo, Number(fields.games) || 0);
  return { ...DEFAULT_SKILL };
}
