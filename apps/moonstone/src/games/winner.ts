import { createHash } from 'node:crypto';

/**
 * The reference server's result rule (documented in docs/moonstone-contract.md):
 * the team with the most players still connected at the end wins; a tie among
 * the best teams is broken by the game id: tied[sha256(gameId) mod tied.length]
 * (tied teams in index order). Deterministic, so tests and players can predict it.
 */
export function pickWinningTeam(gameId: string, teams: number, connectedPerTeam: readonly number[]): number {
  const counts = Array.from({ length: teams }, (_, t) => connectedPerTeam[t] ?? 0);
  const best = Math.max(...counts);
  const tied = counts.flatMap((c, t) => (c === best ? [t] : []));
  const hash = createHash('sha256').update(gameId, 'utf8').digest().readUInt32BE(0);
  return tied[hash % tied.length]!;
}
