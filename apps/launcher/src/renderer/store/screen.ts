import type { AppState } from './types.js';

export type Screen = 'restoring' | 'auth' | 'settings' | 'home' | 'lobby' | 'queue' | 'game' | 'profile' | 'history' | 'leaderboard' | 'messages';

/**
 * Which screen to show follows from state alone (never from navigation
 * history), so a restart that restores state lands on the same screen.
 */
export function selectScreen(s: AppState): Screen {
  if (s.session.status === 'restoring') return 'restoring';
  if (s.ui.view === 'settings') return 'settings';
  if (s.session.status !== 'signed-in') return 'auth';
  const lobbyState = s.lobby.current?.state;
  if (s.game.ready || lobbyState === 'ingame' || s.game.pending) return 'game';
  // Progression screens are browsable from the lobby and the queue; a game takes over the window.
  if (s.ui.view === 'profile' || s.ui.view === 'history' || s.ui.view === 'leaderboard' || s.ui.view === 'messages') return s.ui.view;
  if (s.game.match || s.queue.status || lobbyState === 'queued' || lobbyState === 'prematch') return 'queue';
  if (s.lobby.current) return 'lobby';
  return 'home';
}
