import type { OnyxState } from '../../common/index.js';
import { describeError } from '../net/errors.js';
import { t } from '../strings.js';
import { patchSlice } from './patch.js';
import type { GameSlice, SliceCreator } from './types.js';

export const initialGame: GameSlice['game'] = {
  declinedPrematchId: null,
  match: null,
  pending: null,
  ready: null,
  onyx: { status: 'idle' },
  launching: false,
  launchError: null,
  lastResult: null,
  error: null,
  leaving: false,
  leaveError: null,
};

const STAGE: Record<OnyxState['status'], number> = { idle: 0, running: 1, exited: 2, failed: 2 };

/**
 * Onyx states arrive by two roads (the push channel and the launch reply), so
 * an older one can land after a newer one. Keep the newest: a later run wins,
 * and within a run an end never goes back to running.
 */
export function newerOnyxState(current: OnyxState, next: OnyxState): OnyxState {
  if (next.status === 'idle') return current.status === 'idle' ? next : current;
  if (current.status === 'idle') return next;
  if (next.runId !== current.runId) return next.runId > current.runId ? next : current;
  return STAGE[next.status] >= STAGE[current.status] ? next : current;
}

export const createGameSlice: SliceCreator<GameSlice> =
  ({ backend, bridge }) =>
  (set, get) => ({
    game: initialGame,
    async acceptMatch() {
      const match = get().game.match;
      if (!match || match.responding || match.youAccepted) return;
      patchSlice(set, 'game', { match: { ...match, responding: true }, error: null });
      try {
        await backend.acceptMatch(match.prematchId);
        patchSlice(set, 'game', (g) => ({ match: g.match && { ...g.match, responding: false, youAccepted: true } }));
      } catch (error) {
        patchSlice(set, 'game', (g) => ({ match: g.match && { ...g.match, responding: false }, error: describeError(error) }));
      }
    },
    async declineMatch() {
      const match = get().game.match;
      if (!match || match.responding) return;
      // Marked at once: Coral's match.cancelled can arrive before the decline's reply, and must know it was us.
      patchSlice(set, 'game', { match: { ...match, responding: true, declined: true }, declinedPrematchId: match.prematchId, error: null });
      try {
        await backend.declineMatch(match.prematchId);
        patchSlice(set, 'game', (g) => ({ match: g.match && { ...g.match, responding: false } }));
      } catch (error) {
        patchSlice(set, 'game', (g) => ({
          match: g.match && { ...g.match, responding: false, declined: false },
          declinedPrematchId: null,
          error: describeError(error),
        }));
      }
    },
    async launchGame() {
      const ready = get().game.ready;
      if (!ready || get().game.launching) return;
      patchSlice(set, 'game', { launchError: null, launching: true });
      const result = await bridge.launchOnyx({ moonstone: ready.moonstone, gameId: ready.gameId, ticket: ready.ticket });
      // The state push may trail the reply (dev bridge: another socket); read it so the screen never flickers.
      const onyx = await bridge.getOnyxState();
      patchSlice(set, 'game', (g) => ({
        launching: false,
        onyx: newerOnyxState(g.onyx, onyx),
        launchError: !result.ok && result.error.code !== 'ALREADY_RUNNING' ? result.error : null,
      }));
    },
    async leaveGame() {
      const ready = get().game.ready;
      if (!ready || get().game.leaving) return;
      patchSlice(set, 'game', { leaving: true, leaveError: null });
      try {
        await backend.leaveGame(ready.gameId);
        // The lobby going idle (left_game) clears the game; until then the screen stays.
        patchSlice(set, 'game', { leaving: false });
      } catch (error) {
        patchSlice(set, 'game', { leaving: false, leaveError: t.game.leaveRefused(describeError(error)) });
      }
    },
    setOnyxState(state) {
      patchSlice(set, 'game', (g) => ({ onyx: newerOnyxState(g.onyx, state) }));
    },
    dismissResult() {
      patchSlice(set, 'game', { lastResult: null });
    },
  });
