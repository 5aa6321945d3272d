import { useApp } from '../store/context.js';
import { Alert } from './ui.js';
import { GameResult } from './GameResult.js';

/** The last game's result, shown back in the lobby (or home) until dismissed. */
export function describeResult(result: Record<string, unknown>, myTeam: number | undefined): string {
  if (typeof result.reason === 'string' && result.reason === 'server_lost') return 'The game server was lost; the game ended without a result.';
  const winner = typeof result.winningTeam === 'number' ? result.winningTeam : typeof result.winner === 'number' ? result.winner : undefined;
  if (winner !== undefined && myTeam !== undefined) return winner === myTeam ? 'Victory! Your team won the game.' : 'Defeat. The other team won this one.';
  if (winner !== undefined) return `The game is over: team ${winner + 1} won.`;
  return 'The game is over.';
}

export function ResultBanner() {
  const last = useApp((s) => s.game.lastResult);
  const me = useApp((s) => s.session.me?.id);
  const dismiss = useApp((s) => s.dismissResult);
  if (!last) return null;
  const teams = last.result.teams;
  const myTeam = Array.isArray(teams) ? teams.findIndex((t) => Array.isArray(t) && t.includes(me)) : undefined;
  const text = describeResult(last.result, myTeam === -1 ? undefined : myTeam);
  const tone = text.startsWith('Victory') ? 'success' : text.startsWith('Defeat') ? 'warning' : 'info';
  return (
    <>
      <Alert tone={tone} onDismiss={dismiss}>
        {text}
      </Alert>
      <GameResult />
    </>
  );
}
