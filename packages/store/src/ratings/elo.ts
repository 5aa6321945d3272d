/**
 * Team Elo. A team's rating is its players' mean; every pair of teams is a
 * match-up scored 1 / 0 / 0.5 (the winner beats every other team, the others
 * draw among themselves; no winner = all draw). A team's change is
 * K * mean over its match-ups of (score - expected), rounded; every player of
 * the team gets it. With two teams this is plain Elo; the sum over teams of
 * the unrounded changes is zero.
 */
export const ELO_K = 32;
export const DEFAULT_RATING = 1500;

export function expectedScore(rating: number, opponent: number): number {
  return 1 / (1 + 10 ** ((opponent - rating) / 400));
}

/** Per-team rating change for team ratings `teamRatings` (index = team) and an optional winner. */
export function eloTeamDeltas(teamRatings: readonly number[], winningTeam: number | undefined, k = ELO_K): number[] {
  const n = teamRatings.length;
  if (n < 2) return teamRatings.map(() => 0);
  return teamRatings.map((ri, i) => {
    let sum = 0;
    teamRatings.forEach((rj, j) => {
      if (i === j) return;
      const score = winningTeam === undefined ? 0.5 : i === winningTeam ? 1 : j === winningTeam ? 0 : 0.5;
      sum += score - expectedScore(ri, rj);
    });
    return Math.round((k * sum) / (n - 1));
  });
}
