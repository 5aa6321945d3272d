/** Server messages built from store data (`notify.ts` sends them). */
import { queueOfSlot, regionOfSlot, type CoralServerMessage, type QueueModeId, type QueueWhy } from '@glaceon/protocol';
import type { PlayerMatchView } from '@glaceon/store';

export interface QueueStatusInput {
  lobbyId: string;
  /** The slot the lobby waits in (players see its queue id and region). */
  mode: QueueModeId;
  queuedAt: number;
  now: number;
  searching: number;
  estimatedWaitMs: number | null;
  ratingWindow: number;
  /** Why not matched yet (the leader's last pass), when known. */
  why?: QueueWhy;
}

export function queueStatusMessage(s: QueueStatusInput): CoralServerMessage {
  const region = regionOfSlot(s.mode);
  return {
    type: 'queue.status',
    lobbyId: s.lobbyId,
    mode: queueOfSlot(s.mode),
    queuedAt: s.queuedAt,
    elapsedMs: Math.max(0, s.now - s.queuedAt),
    playersSearching: Math.max(0, Math.floor(s.searching)),
    estimatedWaitMs: s.estimatedWaitMs === null ? null : Math.max(0, Math.round(s.estimatedWaitMs)),
    ratingWindow: Math.max(0, Math.round(s.ratingWindow)),
    ...(s.why ? { why: s.why } : {}),
    ...(region ? { region } : {}),
  };
}

export function matchFound(view: Extract<PlayerMatchView, { state: 'prematch' }>): CoralServerMessage {
  return {
    type: 'match.found',
    prematchId: view.prematchId,
    mode: queueOfSlot(view.mode),
    deadline: view.deadline,
    players: Math.max(1, view.players.length),
    accepted: view.accepted.length,
    youAccepted: view.youAccepted,
  };
}
