import { backoffDelay } from '@glaceon/client';
import { QUEUE_DEFAULTS, type Lobby, type MatchFound, type PublicQueue } from '@glaceon/protocol';
import { t } from '../strings.js';
import { describeError, errorCodeOf } from '../net/errors.js';
import { culpritsOf, describeIdleReason } from './idle-reasons.js';
import { patchSlice } from './patch.js';
import type { QueueSlice, SliceCreator } from './types.js';

/**
 * Coral sheds new queue entries past its measured capacity with BUSY (or UNAVAILABLE when its
 * line is full): both are retryable, so the launcher says "matchmaking is busy, retrying" and
 * tries again with exponential backoff and jitter (a crowd refused together does not come back
 * together), up to BUSY_RETRIES times before showing the error.
 */
const RETRYABLE = new Set(['BUSY', 'UNAVAILABLE']);
export const BUSY_RETRIES = 6;
const BUSY_BACKOFF = { initialMs: 500, maxMs: 8000, factor: 2 };

/**
 * A queued copy of the lobby that entered the queue before the ready check on screen formed is
 * old news: Coral's match.found and the lobby copies (Realm's event socket, Coral's mirror in the
 * background) travel different paths and can arrive in either order. Only a lobby queued again
 * after the match formed (a requeue) closes the ready check; match.cancelled closes it too.
 * Both times are the server's: `stateSince`, and the deadline less the queue's ready-check time.
 */
function olderThanReadyCheck(lobby: Lobby, match: MatchFound | null, queues: readonly PublicQueue[]): boolean {
  if (!match) return false;
  const readyCheckMs = queues.find((q) => q.id === match.mode)?.readyCheckMs ?? QUEUE_DEFAULTS.readyCheckMs;
  return lobby.stateSince < match.deadline - readyCheckMs;
}

export const initialQueue: QueueSlice['queue'] = { status: null, receivedAt: 0, busy: false, error: null, notice: null };

export const createQueueSlice: SliceCreator<QueueSlice> =
  ({ backend, busyRetryDelay }) =>
  (set, get) => {
    const retryDelay = busyRetryDelay ?? ((attempt: number) => backoffDelay(attempt, BUSY_BACKOFF));
    /** Bumped by a cancel (or a new start): a pending busy-retry of an older start gives up. */
    let generation = 0;
    async function startWithRetry() {
      const mine = ++generation;
      patchSlice(set, 'queue', { busy: true, error: null, notice: null });
      for (let attempt = 0; ; attempt++) {
        try {
          await backend.startQueue();
          if (mine === generation) patchSlice(set, 'queue', { busy: false, notice: null });
          return;
        } catch (error) {
          if (mine !== generation) return;
          if (!RETRYABLE.has(errorCodeOf(error) ?? '') || attempt >= BUSY_RETRIES) {
            patchSlice(set, 'queue', { busy: false, notice: null, error: describeError(error) });
            return;
          }
          patchSlice(set, 'queue', { notice: t.queue.busyRetrying });
          await new Promise((resolve) => setTimeout(resolve, retryDelay(attempt)));
          if (mine !== generation) return;
        }
      }
    }
    async function run(action: () => Promise<void>) {
      patchSlice(set, 'queue', { busy: true, error: null, notice: null });
      try {
        await action();
        patchSlice(set, 'queue', { busy: false });
      } catch (error) {
        patchSlice(set, 'queue', { busy: false, error: describeError(error) });
      }
    }
    return {
      queue: initialQueue,
      startQueue: () => startWithRetry(),
      cancelQueue: () => {
        // A start still retrying after BUSY stops here: the player changed their mind.
        generation++;
        return run(() => backend.cancelQueue());
      },
      settleLobbyState(lobby) {
        const { queue, game } = get();
        if (lobby.state === 'idle') {
          // Leaving a running game early (game.leave) is news too: say why the game screen closed.
          const leftGame = lobby.idleReason === 'left_game' && game.ready !== null;
          const wasBusy = queue.status !== null || game.match !== null || game.pending !== null || leftGame;
          const youDeclined = game.match !== null && game.declinedPrematchId === game.match.prematchId;
          const youAreHost = lobby.host === get().session.me?.id;
          const who = culpritsOf(lobby, get().session.me?.id, get().lobby.names);
          const notice = wasBusy ? describeIdleReason(lobby.idleReason, youDeclined, youAreHost, who) : queue.notice;
          patchSlice(set, 'queue', { status: null, notice });
          // One notice at a time: a new one replaces an older game result instead of stacking under it.
          if (wasBusy && notice) patchSlice(set, 'game', { lastResult: null });
          // The game's end arrives as game.ended; a lobby seen idle without it (missed while offline) ends it too.
          patchSlice(set, 'game', { match: null, pending: null, ready: null, leaveError: null });
        } else if (lobby.state === 'queued' && !olderThanReadyCheck(lobby, game.match, get().catalog.queues)) {
          patchSlice(set, 'game', { match: null, pending: null });
        }
      },
    };
  };
