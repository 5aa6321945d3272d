import { backoffDelay } from '@glaceon/client';
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
        } else if (lobby.state === 'queued') {
          patchSlice(set, 'game', { match: null, pending: null });
        }
      },
    };
  };
