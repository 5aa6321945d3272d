import { describeError } from '../net/errors.js';
import { culpritsOf, describeIdleReason } from './idle-reasons.js';
import { patchSlice } from './patch.js';
import type { QueueSlice, SliceCreator } from './types.js';

export const initialQueue: QueueSlice['queue'] = { status: null, receivedAt: 0, busy: false, error: null, notice: null };

export const createQueueSlice: SliceCreator<QueueSlice> =
  ({ backend }) =>
  (set, get) => {
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
      startQueue: () => run(() => backend.startQueue()),
      cancelQueue: () => run(() => backend.cancelQueue()),
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
