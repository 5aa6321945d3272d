import { useApp } from '../store/context.js';
import { Alert } from './ui.js';
import { GameResult } from './GameResult.js';
import { t } from '../strings.js';

/** The last game's result, shown back in the lobby (or home) until dismissed. */
export function describeResult(result: Record<string, unknown>, myTeam: number | undefined): string {
  if (typeof result.reason === 'string' && result.reason === 'server_lost') return t.result.serverLost;
  const winner = typeof result.winningTeam === 'number' ? result.winningTeam : typeof result.winner === 'number' ? result.winner : undefined;
  if (winner !== undefined && myTeam !== undefined) return winner === myTeam ? t.result.victory : t.result.defeat;
  if (winner !== undefined) return t.result.teamWon(winner + 1);
  return t.result.over;
}

export function ResultBanner() {
  const last = useApp((s) => s.game.lastResult);
  const me = useApp((s) => s.session.me?.id);
  const dismiss = useApp((s) => s.dismissResult);
  if (!last) return null;
  const teams = last.result.teams;
  const myTeam = Array.isArray(teams) ? teams.findIndex((team) => Array.isArray(team) && team.includes(me)) : undefined;
  const text = describeResult(last.result, myTeam === -1 ? undefined : myTeam);
  const tone = text === t.result.victory ? 'success' : text === t.result.defeat ? 'warning' : 'info';
  return (
    <>
      <Alert tone={tone} onDismiss={dismiss}>
        {text}
      </Alert>
      <GameResult />
    </>
  );
}
