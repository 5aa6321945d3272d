import type { CoralServerMessage, QueueModeId } from '@glaceon/protocol';
import type { PlayerMatchView } from '@glaceon/store';

/** A stable key of a view: when it changes, the player must be told. */
export function viewKey(view: PlayerMatchView): string {
  switch (view.state) {
    case 'none':
      return 'none';
    case 'idle':
      return `idle:${view.lobbyId}`;
    case 'queued':
      return `queued:${view.ticket}`;
    case 'prematch':
      return `prematch:${view.prematchId}`;
    case 'ingame':
      return `ingame:${view.gameId}:${view.game}`;
  }
}

export interface QueueStatusInput {
  lobbyId: string;
  mode: QueueModeId;
  queuedAt: number;
  now: number;
  searching: number;
  estimatedWaitMs: number | null;
  ratingWindow: number;
}

export function queueStatusMessage(s: QueueStatusInput): CoralServerMessage {
  return {
    type: 'queue.status',
    lobbyId: s.lobbyId,
    mode: s.mode,
    queuedAt: s.queuedAt,
    elapsedMs: Math.max(0, s.now - s.queuedAt),
    playersSearching: Math.max(0, Math.floor(s.searching)),
    estimatedWaitMs: s.estimatedWaitMs === null ? null : Math.max(0, Math.round(s.estimatedWaitMs)),
    ratingWindow: Math.max(0, Math.round(s.ratingWindow)),
  };
}

export function matchFound(view: Extract<PlayerMatchView, { state: 'prematch' }>): CoralServerMessage {
  return {
    type: 'match.found',
    prematchId: view.prematchId,
    mode: view.mode,
    deadline: view.deadline,
    players: Math.max(1, view.players.length),
    accepted: view.accepted.length,
    youAccepted: view.youAccepted,
  };
}
