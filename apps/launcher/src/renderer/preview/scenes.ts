import type { OnyxState } from '../../common/index.js';
import type { MemoryBridge } from './memory-bridge.js';
import type { AppStore } from '../store/index.js';
import { blockedPlayers, chatLines, conversationMessages, conversations, directInvite, friendsView, invite, lobby, me, members } from './fixtures.js';

export const PREVIEW_SCENES = [
  'auth',
  'auth-error',
  'home',
  'join',
  'lobby',
  'lobby-member',
  'queue',
  'match',
  'launching',
  'in-game',
  'crashed',
  'failed',
  'result',
  'settings',
  'profile',
  'history',
  'leaderboard',
  'welcome',
  'outage',
  'stale-lobby',
  'lobby-chat',
  'messages',
  'messages-empty',
  'settings-blocks',
  'party-host',
  'party-left-queue',
  'friends-ask-join',
  'settings-regions',
  'queue-region',
  'queue-out-of-reach',
] as const;
export type PreviewScene = (typeof PREVIEW_SCENES)[number];

const ready = {
  type: 'game.ready' as const,
  gameId: 'g_7Hq2LmX9',
  prematchId: 'pm_preview',
  serverId: 'ms_eu1',
  moonstone: '127.0.0.1:7400',
  ticket: 'preview.ticket.value',
  ticketExpiresAt: Date.now() + 60_000,
};
const queued = {
  type: 'queue.status' as const,
  lobbyId: 'l_preview',
  mode: '2v2' as const,
  queuedAt: Date.now() - 47_000,
  elapsedMs: 47_000,
  playersSearching: 1284,
  estimatedWaitMs: 90_000,
  ratingWindow: 150,
};

/** Puts the store into the state a screen needs; the UI then renders exactly as it would live. */
export function seedPreview(store: AppStore, bridge: MemoryBridge, scene: PreviewScene): void {
  const s = store.getState();
  const set = store.setState;
  if (scene === 'auth' || scene === 'auth-error') {
    set({ session: { ...s.session, status: 'signed-out', me: null, error: scene === 'auth-error' ? 'Wrong display name or password.' : null } });
    return;
  }
  set({
    session: { ...s.session, status: 'signed-in', me },
    friends: { ...s.friends, view: friendsView },
    connection: { ...s.connection, realm: 'online', coral: 'online', clockOffsetMs: 0 },
  });
  const game = store.getState().game;
  const onyx = (state: OnyxState) => bridge.emitOnyx(state);
  switch (scene) {
    case 'home':
      set({
        friends: { ...store.getState().friends, invites: [directInvite] },
        connection: { ...s.connection, realm: 'online', coral: 'offline', clockOffsetMs: 0 },
      });
      return;
    case 'join':
      set({
        lobby: {
          ...s.lobby,
          pendingJoin: { token: invite.token, preview: { hostName: 'frost', mode: '2v2', members: 1 }, loadingPreview: false, joining: false, error: null },
        },
      });
      return;
    case 'lobby':
      set({ lobby: { ...s.lobby, current: lobby({ members: [members.aurora] }), invite, invited: ['p_mira'], coralUrl: 'ws://127.0.0.1:7350' } });
      return;
    case 'lobby-member':
      set({ lobby: { ...s.lobby, current: lobby({ host: members.frost.id, members: [members.frost, members.aurora] }), coralUrl: 'ws://127.0.0.1:7350' } });
      return;
    case 'queue':
    case 'match':
      set({
        lobby: { ...s.lobby, current: lobby({ state: scene === 'queue' ? 'queued' : 'prematch' }) },
        queue: { ...s.queue, status: queued, receivedAt: Date.now() },
      });
      if (scene === 'match') {
        set({
          game: {
            ...game,
            match: {
              type: 'match.found',
              prematchId: 'pm_preview',
              mode: '2v2',
              deadline: Date.now() + 14_000,
              players: 4,
              accepted: 2,
              youAccepted: false,
              responding: false,
              declined: false,
            },
          },
        });
      }
      return;
    case 'launching':
      set({ lobby: { ...s.lobby, current: lobby({ state: 'ingame' }) }, game: { ...game, ready, launching: true } });
      return;
    case 'in-game':
      onyx({ status: 'running', runId: 1, gameId: ready.gameId, pid: 4242, startedAt: Date.now() - 312_000, logPath: '/tmp/onyx.log' });
      set({ lobby: { ...s.lobby, current: lobby({ state: 'ingame' }) }, game: { ...store.getState().game, ready } });
      return;
    case 'crashed':
      onyx({
        status: 'exited',
        runId: 1,
        gameId: ready.gameId,
        code: 3,
        signal: null,
        endedAt: Date.now(),
        logPath: '/home/aurora/.config/Glaceon/logs/onyx-2026-11-24T02-10-00-000Z-g_7Hq2LmX9.log',
        lastLines: [
          '[onyx] connecting to 127.0.0.1:7400 (game g_7Hq2LmX9)',
          '[onyx] connected, presenting ticket [redacted]',
          '[onyx] renderer: Vulkan device lost (VK_ERROR_DEVICE_LOST)',
          '[onyx] fatal: cannot recover the graphics device, exiting',
        ],
      });
      set({ lobby: { ...s.lobby, current: lobby({ state: 'ingame' }) }, game: { ...store.getState().game, ready } });
      return;
    case 'failed':
      set({
        lobby: { ...s.lobby, current: lobby({ state: 'ingame' }) },
        game: { ...game, ready, launchError: { code: 'NOT_FOUND', message: 'The game executable was not found at the configured path. (/opt/onyx/onyx)' } },
      });
      return;
    case 'result':
      set({
        lobby: { ...s.lobby, current: lobby({ idleReason: 'game_over' }), invite },
        game: {
          ...game,
          lastResult: {
            type: 'game.ended',
            gameId: ready.gameId,
            result: {
              winningTeam: 0,
              teams: [
                [me.id, members.frost.id],
                ['p_x', 'p_y'],
              ],
            },
            endedAt: Date.now(),
          },
        },
      });
      return;
    case 'settings':
      set({ ui: { view: 'settings' }, session: { ...store.getState().session, protection: 'os-encrypted' } });
      return;
    // Progression screens load from the preview backend's fixtures (progression-fixtures.ts).
    case 'profile':
      void store.getState().openProfile();
      return;
    case 'history':
      void store
        .getState()
        .openHistory()
        .then(() => store.getState().selectGame('g_preview1'));
      return;
    case 'leaderboard':
      void store.getState().openLeaderboard('2v2');
      return;
    case 'welcome':
      set({ session: { ...store.getState().session, fresh: true } });
      return;
    case 'outage':
      set({
        connection: { ...store.getState().connection, realm: 'reconnecting', coral: 'offline', realmDownSince: Date.now() - 3000, retryAt: Date.now() + 4200 },
      });
      return;
    case 'lobby-chat':
      set({
        lobby: { ...s.lobby, current: lobby({ host: members.frost.id, members: [members.frost, members.aurora] }), coralUrl: 'ws://127.0.0.1:7350' },
      });
      set({ chat: { ...store.getState().chat, lobbyId: 'l_preview', lines: chatLines, loading: false, error: null } });
      return;
    case 'messages': {
      const open = conversations[0]!.player.id;
      set({
        ui: { view: 'messages' },
        friends: { ...store.getState().friends, view: { ...friendsView, friends: [...friendsView.friends] } },
        messages: { ...store.getState().messages, conversations, open, history: { [open]: conversationMessages[open]! } },
      });
      return;
    }
    case 'messages-empty':
      set({ ui: { view: 'messages' }, messages: { ...store.getState().messages, conversations: [] } });
      return;
    case 'settings-blocks':
      set({
        ui: { view: 'settings' },
        session: { ...store.getState().session, protection: 'os-encrypted' },
        friends: { ...store.getState().friends, view: { ...friendsView, blocked: blockedPlayers } },
      });
      return;
    // #15: the host's party with one member disconnected, a join request waiting (and the badge), and the news of a kick.
    case 'party-host':
      set({
        lobby: {
          ...s.lobby,
          current: lobby({ mode: '5v5', members: [members.aurora, members.frost, members.nyx] }),
          invite,
          coralUrl: 'ws://127.0.0.1:7350',
          online: [members.aurora.id, members.frost.id],
          joinRequests: [{ lobbyId: 'l_preview', from: { id: 'p_mira', name: 'mira' }, at: Date.now() - 20_000, expiresAt: Date.now() + 100_000 }],
          notice: 'pax was removed. The old invite link no longer works; here is a new one.',
        },
      });
      return;
    // A member left the queue: the party is told who.
    case 'party-left-queue':
      set({
        lobby: {
          ...s.lobby,
          current: lobby({ host: members.frost.id, members: [members.frost, members.aurora], idleReason: 'cancelled', idleBy: [members.frost.id] }),
          coralUrl: 'ws://127.0.0.1:7350',
          online: [members.frost.id, members.aurora.id],
        },
      });
      return;
    // #14: Settings → Region (the preview backend measures EU West 31 ms, US East 112 ms, Asia Pacific: no answer); EU West chosen.
    case 'settings-regions':
      set({ ui: { view: 'settings' }, session: { ...store.getState().session, protection: 'os-encrypted' } });
      void store.getState().chooseRegion('eu-west');
      return;
    // #14: waiting in a region, and a party no region is close enough to yet.
    case 'queue-region':
    case 'queue-out-of-reach': {
      const at = Date.now();
      const region = scene === 'queue-region';
      set({
        lobby: { ...s.lobby, current: lobby({ state: 'queued', members: region ? [members.aurora] : [members.aurora, members.frost] }) },
        queue: {
          ...s.queue,
          receivedAt: at,
          status: region
            ? {
                ...queued,
                region: 'eu-west',
                why: { reason: 'few_players', playersInWindow: 7, playersNeeded: 3, nearestGap: 60, window: 400, at, latencyLimitMs: 104, latencyMs: 31 },
              }
            : {
                ...queued,
                why: {
                  reason: 'no_region_in_reach',
                  playersInWindow: 0,
                  playersNeeded: 2,
                  nearestGap: null,
                  window: 250,
                  at,
                  latencyLimitMs: 84,
                  latencyMs: 104,
                },
              },
        },
      });
      return;
    }
    // Not in a lobby: a friend in one can be asked; the ask is pending.
    case 'friends-ask-join':
      set({ friends: { ...store.getState().friends, asked: [members.frost.id], askNotice: "Asked to join frost's lobby. The host will answer." } });
      return;
    case 'stale-lobby':
      set({
        lobby: { ...s.lobby, current: lobby({ members: [members.aurora] }), invite, coralUrl: 'ws://127.0.0.1:7350' },
        connection: {
          ...store.getState().connection,
          realm: 'reconnecting',
          coral: 'offline',
          realmDownSince: Date.now() - 1000,
          retryAt: Date.now() + 2200,
          stale: true,
        },
      });
      return;
  }
}
