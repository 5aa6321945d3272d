import type { GameRecord, HistoryPage, Leaderboard, Profile } from '@glaceon/protocol';
import { describeError } from '../net/errors.js';
import { patchSlice } from './patch.js';
import type { SliceCreator } from './types.js';

/** One thing loaded from Realm: the data, whether a request is in flight, and the last error. */
export interface Loadable<T> {
  data: T | null;
  loading: boolean;
  error: string | null;
}

export const HISTORY_PAGE_SIZE = 10;

export interface ProgressionSlice {
  progression: {
    /** The profile on screen: yours (playerId null = you) or a friend's. */
    profile: Loadable<Profile> & { playerId: string | null };
    history: Loadable<HistoryPage> & { playerId: string | null; offset: number; selected: string | null };
    leaderboard: Loadable<Leaderboard> & { queue: string };
    /** The last game's record, for the result after a game (rating change, both teams). */
    result: Loadable<GameRecord> & { gameId: string | null };
  };
  openProfile(playerId?: string): Promise<void>;
  openHistory(playerId?: string, offset?: number): Promise<void>;
  selectGame(gameId: string | null): void;
  openLeaderboard(queue?: string): Promise<void>;
  loadResult(gameId: string): Promise<void>;
}

const empty = { data: null, loading: false, error: null };

export const initialProgression: ProgressionSlice['progression'] = {
  profile: { ...empty, playerId: null },
  history: { ...empty, playerId: null, offset: 0, selected: null },
  leaderboard: { ...empty, queue: '2v2' },
  result: { ...empty, gameId: null },
};

export const createProgressionSlice: SliceCreator<ProgressionSlice> =
  ({ backend }) =>
  (set, get) => {
    const me = () => get().session.me?.id ?? '';
    /** A newer request for the same panel wins: a late answer for an older one is dropped. */
    const latest = { profile: 0, history: 0, leaderboard: 0, result: 0 };
    async function load<K extends keyof typeof latest>(
      key: K,
      start: Partial<ProgressionSlice['progression'][K]>,
      run: () => Promise<NonNullable<ProgressionSlice['progression'][K]['data']>>,
    ) {
      const n = ++latest[key];
      patchSlice(set, 'progression', (p) => ({ [key]: { ...p[key], ...start, loading: true, error: null } }));
      try {
        const data = await run();
        if (n === latest[key]) patchSlice(set, 'progression', (p) => ({ [key]: { ...p[key], data, loading: false } }));
      } catch (error) {
        if (n === latest[key]) patchSlice(set, 'progression', (p) => ({ [key]: { ...p[key], loading: false, error: describeError(error) } }));
      }
    }
    return {
      progression: initialProgression,
      async openProfile(playerId) {
        const id = playerId ?? me();
        set({ ui: { view: 'profile' } });
        const same = get().progression.profile.playerId === id;
        await load('profile', { playerId: id, ...(same ? {} : { data: null }) }, () => backend.profile(id));
      },
      async openHistory(playerId, offset = 0) {
        const id = playerId ?? me();
        set({ ui: { view: 'history' } });
        const same = get().progression.history.playerId === id && get().progression.history.offset === offset;
        await load('history', { playerId: id, offset, selected: null, ...(same ? {} : { data: null }) }, () =>
          backend.history(id, { offset, limit: HISTORY_PAGE_SIZE }),
        );
      },
      selectGame(gameId) {
        patchSlice(set, 'progression', (p) => ({ history: { ...p.history, selected: gameId } }));
      },
      async openLeaderboard(queue) {
        const q = queue ?? get().progression.leaderboard.queue;
        set({ ui: { view: 'leaderboard' } });
        const same = get().progression.leaderboard.queue === q;
        await load('leaderboard', { queue: q, ...(same ? {} : { data: null }) }, () => backend.leaderboard(q));
      },
      async loadResult(gameId) {
        const current = get().progression.result;
        if (current.gameId === gameId && (current.data || current.loading)) return;
        await load('result', { gameId, data: null }, () => backend.game(gameId));
      },
    };
  };
