import { describe, expect, it } from 'vitest';
import { NetError } from '../net/backend.js';
import { createMemoryStorage, makeHarness, makeLobby, ME, snapshot, TOKEN } from '../test/fakes.js';
import { selectNetworkDown } from './network.js';
import { selectScreen } from './screen.js';

const queued = {
  type: 'queue.status' as const,
  lobbyId: 'l_1',
  mode: '2v2' as const,
  queuedAt: 1,
  elapsedMs: 5000,
  playersSearching: 12,
  estimatedWaitMs: 30_000,
  ratingWindow: 100,
};
const found = { type: 'match.found' as const, prematchId: 'pm_1', mode: '2v2' as const, deadline: 1_020_000, players: 4, accepted: 0, youAccepted: false };
const ready = {
  type: 'game.ready' as const,
  gameId: 'g_1',
  prematchId: 'pm_1',
  serverId: 'ms_1',
  moonstone: '127.0.0.1:7400',
  ticket: 'ticket-abcdefghijklmnop',
  ticketExpiresAt: 2,
};

describe('session slice', () => {
  it('signs in, keeps the session through the bridge, and connects Realm', async () => {
    const h = await makeHarness();
    expect(selectScreen(h.store.getState())).toBe('auth');
    expect(await h.store.getState().signIn('aurora', 'correct horse battery')).toBe(true);
    expect(h.fake.backend.setToken).toHaveBeenCalledWith(TOKEN);
    expect((await h.bridge.loadSession()).session).toMatchObject({ token: TOKEN, playerId: ME.id });
    expect(h.fake.backend.connectRealm).toHaveBeenCalledTimes(1);
    expect(h.store.getState().connection.realm).toBe('online');
    expect(selectScreen(h.store.getState())).toBe('home');
  });

  it('shows the server error for a wrong password and stays signed out', async () => {
    const h = await makeHarness();
    h.fake.backend.signIn.mockRejectedValueOnce(new NetError('INVALID_CREDENTIALS', 'Wrong display name or password.'));
    expect(await h.store.getState().signIn('aurora', 'nope')).toBe(false);
    expect(h.store.getState().session).toMatchObject({ status: 'signed-out', error: 'Wrong display name or password.', busy: false });
    expect(h.fake.backend.connectRealm).not.toHaveBeenCalled();
  });

  it('says "cannot reach the server" for network failures and rate limits in plain words', async () => {
    const h = await makeHarness();
    h.fake.backend.signIn.mockRejectedValueOnce(new NetError('NETWORK', 'x'));
    await h.store.getState().signIn('aurora', 'pw');
    expect(h.store.getState().session.error).toMatch(/Cannot reach the server/);
    h.fake.backend.signIn.mockRejectedValueOnce(new NetError('RATE_LIMITED', 'x'));
    await h.store.getState().signIn('aurora', 'pw');
    expect(h.store.getState().session.error).toMatch(/Too many attempts/);
  });

  it('signs out everywhere locally: session cleared, sockets closed, slices reset', async () => {
    const h = await makeHarness({ signedIn: true });
    h.fake.realm(snapshot({ lobby: makeLobby() }));
    await h.store.getState().signOut();
    expect((await h.bridge.loadSession()).session).toBeNull();
    expect(h.store.getState().lobby.current).toBeNull();
    expect(h.store.getState().connection).toMatchObject({ realm: 'offline', coral: 'offline' });
    expect(selectScreen(h.store.getState())).toBe('auth');
  });

  it('an UNAUTHENTICATED push from Realm signs out with a message', async () => {
    const h = await makeHarness({ signedIn: true });
    h.fake.realm({ type: 'error', code: 'UNAUTHENTICATED', message: 'no' });
    expect(h.store.getState().session).toMatchObject({ status: 'signed-out', error: expect.stringMatching(/session has ended/) });
  });
});

describe('restart resume from the server snapshot', () => {
  it('restores the session, rejoins the lobby from Realm, connects Coral and returns to the queue', async () => {
    const h = await makeHarness({ signedIn: true });
    expect(h.store.getState().session.status).toBe('signed-in');
    h.fake.realm(snapshot({ lobby: makeLobby({ state: 'queued' }) }));
    expect(h.fake.backend.connectCoral).toHaveBeenCalledWith('ws://coral.test', expect.anything());
    expect(selectScreen(h.store.getState())).toBe('queue');
    h.fake.coral(queued);
    expect(h.store.getState().queue.status?.playersSearching).toBe(12);
  });

  it('back in a ready check after restart: the resent match.found keeps youAccepted from the server', async () => {
    const h = await makeHarness({ signedIn: true });
    h.fake.realm(snapshot({ lobby: makeLobby({ state: 'prematch' }) }));
    h.fake.coral({ ...found, youAccepted: true, accepted: 1 });
    expect(h.store.getState().game.match).toMatchObject({ youAccepted: true, accepted: 1 });
    expect(h.bridge.alerts).toHaveLength(0); // already accepted: no new alert
  });

  it('back into a running game after restart: shows rejoin instead of launching twice', async () => {
    const h = await makeHarness({ signedIn: true });
    h.fake.realm(snapshot({ lobby: makeLobby({ state: 'ingame' }) }));
    expect(selectScreen(h.store.getState())).toBe('game');
    h.fake.coral(ready);
    await Promise.resolve();
    expect(h.bridge.launches).toHaveLength(1);
    h.fake.coral({ ...ready, ticket: 'fresh-ticket-abcdefghij' });
    expect(h.bridge.launches).toHaveLength(1);
  });
});

describe('friends slice', () => {
  it('applies presence, requests and invites pushed by Realm', async () => {
    const h = await makeHarness({ signedIn: true });
    h.fake.realm(snapshot());
    h.fake.realm({ type: 'presence', playerId: 'p_sable', presence: 'in_game' });
    expect(h.store.getState().friends.view?.friends.find((f) => f.id === 'p_sable')?.presence).toBe('in_game');
    h.fake.realm({ type: 'friend.request', from: { id: 'p_quill', name: 'quill', at: 5 } });
    h.fake.realm({ type: 'friend.request', from: { id: 'p_quill', name: 'quill', at: 5 } });
    expect(h.store.getState().friends.view?.incoming).toHaveLength(1);
    const invite = { id: 'inv_1', lobbyId: 'l_9', from: { id: 'p_frost', name: 'frost' }, mode: '2v2' as const, at: 1, expiresAt: 2 };
    h.fake.realm({ type: 'invite.received', invite });
    expect(h.store.getState().friends.invites).toEqual([invite]);
    expect(h.bridge.alerts).toEqual([{ title: 'frost invited you to their lobby', body: 'Doubles (2v2). Open Glaceon to accept or decline.' }]);
    h.fake.realm({ type: 'invite.removed', inviteId: 'inv_1' });
    expect(h.store.getState().friends.invites).toEqual([]);
  });

  it('validates names before asking the server and reports the outcome', async () => {
    const h = await makeHarness({ signedIn: true });
    await h.store.getState().addFriend('a b');
    expect(h.fake.backend.requestFriend).not.toHaveBeenCalled();
    expect(h.store.getState().friends.addError).toMatch(/3 to 20/);
    await h.store.getState().addFriend('aurora');
    expect(h.store.getState().friends.addError).toBe('That is you.');
    await h.store.getState().addFriend(' frost ');
    expect(h.fake.backend.requestFriend).toHaveBeenCalledWith('frost');
    expect(h.store.getState().friends.addNotice).toBe('Friend request sent to frost.');
    h.fake.backend.requestFriend.mockRejectedValueOnce(new NetError('NOT_FOUND', 'No such player.'));
    await h.store.getState().addFriend('ghost');
    expect(h.store.getState().friends.addError).toBe('No such player.');
  });

  it('accepting a lobby invite leaves the current lobby first, then joins', async () => {
    const h = await makeHarness({ signedIn: true });
    h.fake.realm(snapshot({ lobby: makeLobby({ id: 'l_old' }) }));
    h.fake.realm({
      type: 'invite.received',
      invite: { id: 'inv_2', lobbyId: 'l_1', from: { id: 'p_frost', name: 'frost' }, mode: '2v2', at: 1, expiresAt: 2 },
    });
    await h.store.getState().answerInvite('inv_2', true);
    expect(h.fake.backend.leaveLobby).toHaveBeenCalledWith('l_old');
    expect(h.fake.backend.acceptInvite).toHaveBeenCalledWith('inv_2');
    expect(h.store.getState().lobby.current?.id).toBe('l_1');
    expect(h.store.getState().friends.invites).toEqual([]);
  });
});

describe('lobby slice', () => {
  it('creates a lobby with its invite link and connects Coral', async () => {
    const h = await makeHarness({ signedIn: true });
    await h.store.getState().createLobby('2v2');
    expect(h.store.getState().lobby.invite?.link).toMatch(/^glaceon:\/\/join\//);
    expect(h.fake.coralConnected()).toBe(true);
    expect(selectScreen(h.store.getState())).toBe('lobby');
  });

  it('marks a friend "Invited" until their presence moves', async () => {
    const h = await makeHarness({ signedIn: true });
    h.fake.realm(snapshot({ lobby: makeLobby() }));
    await h.store.getState().inviteFriend('p_frost');
    expect(h.fake.backend.inviteFriend).toHaveBeenCalledWith('l_1', 'p_frost');
    expect(h.store.getState().lobby.invited).toEqual(['p_frost']);
    h.fake.realm({ type: 'presence', playerId: 'p_frost', presence: 'in_lobby' });
    expect(h.store.getState().lobby.invited).toEqual([]);
  });

  it('ignores a stale lobby copy (lower version) and applies newer ones from Realm or Coral', async () => {
    const h = await makeHarness({ signedIn: true });
    h.fake.realm(snapshot({ lobby: makeLobby({ version: 5, mode: '2v2' }) }));
    h.fake.realm({ type: 'lobby.updated', lobby: makeLobby({ version: 4, mode: '1v1' }) });
    expect(h.store.getState().lobby.current?.mode).toBe('2v2');
    h.fake.coral({ type: 'lobby.updated', lobby: { id: 'l_1', host: ME.id, mode: '5v5', members: [ME], state: 'idle', version: 6 } });
    expect(h.store.getState().lobby.current).toMatchObject({ mode: '5v5', version: 6 });
  });

  it('deep link: asks first ("Join frost\'s lobby?"), joins only on confirm', async () => {
    const h = await makeHarness({ signedIn: true });
    await h.store.getState().proposeJoin('A'.repeat(32));
    expect(h.store.getState().lobby.pendingJoin).toMatchObject({ preview: { hostName: 'frost' }, loadingPreview: false });
    expect(h.fake.backend.joinByToken).not.toHaveBeenCalled();
    await h.store.getState().confirmJoin();
    expect(h.fake.backend.joinByToken).toHaveBeenCalledWith('A'.repeat(32));
    expect(h.store.getState().lobby).toMatchObject({ pendingJoin: null, current: { host: 'p_frost' } });
  });

  it('a deep link while signed out is held, then asked about right after sign-in', async () => {
    const h = await makeHarness();
    h.bridge.emitDeepLink(`glaceon://join/${'H'.repeat(32)}`);
    h.bridge.emitDeepLink('glaceon://join/junk');
    expect(h.store.getState().lobby.heldInvite).toBe('H'.repeat(32));
    await h.store.getState().signIn('aurora', 'correct horse battery');
    expect(h.store.getState().lobby.heldInvite).toBeNull();
    expect(h.store.getState().lobby.pendingJoin?.token).toBe('H'.repeat(32));
    expect(h.fake.backend.joinByToken).not.toHaveBeenCalled();
  });

  it('an expired invite shows its message and joins nothing; dismiss clears it', async () => {
    const h = await makeHarness({ signedIn: true });
    h.fake.backend.joinByToken.mockRejectedValueOnce(new NetError('INVITE_EXPIRED', 'This invite has expired.'));
    await h.store.getState().proposeJoin('B'.repeat(32));
    await h.store.getState().confirmJoin();
    expect(h.store.getState().lobby).toMatchObject({ current: null, pendingJoin: { error: 'This invite has expired.', joining: false } });
    h.store.getState().dismissJoin();
    expect(h.store.getState().lobby.pendingJoin).toBeNull();
  });
});

describe('queue and game slices', () => {
  async function inLobby() {
    const h = await makeHarness({ signedIn: true });
    h.fake.realm(snapshot({ lobby: makeLobby() }));
    return h;
  }

  it('queue: Coral busy (BUSY) -> "matchmaking is busy, retrying" and retries with growing jittered delays until admitted', async () => {
    const delays: number[] = [];
    const h = await makeHarness({ signedIn: true, busyRetryDelay: (attempt) => (delays.push(attempt), 5) });
    h.fake.realm(snapshot({ lobby: makeLobby() }));
    const notices: (string | null)[] = [];
    h.store.subscribe((s) => void (notices.at(-1) !== s.queue.notice && notices.push(s.queue.notice)));
    h.fake.backend.startQueue
      .mockRejectedValueOnce(new NetError('BUSY', 'Matchmaking is busy (entries wait over 1000 ms); retry in a moment.'))
      .mockRejectedValueOnce(new NetError('UNAVAILABLE', 'Matchmaking is busy; try again in a moment.'));
    await h.store.getState().startQueue();
    expect(h.fake.backend.startQueue).toHaveBeenCalledTimes(3);
    expect(delays).toEqual([0, 1]);
    expect(notices).toContain('Matchmaking is busy, retrying…');
    expect(h.store.getState().queue).toMatchObject({ busy: false, error: null, notice: null });
  });

  it('queue: the default busy retry delay is exponential with jitter', async () => {
    const { backoffDelay } = await import('@glaceon/client');
    const opts = { initialMs: 500, maxMs: 8000, factor: 2 };
    expect(backoffDelay(0, opts, () => 0)).toBe(250);
    expect(backoffDelay(0, opts, () => 1)).toBe(500);
    expect(backoffDelay(3, opts, () => 0.5)).toBe(3000);
  });

  it('queue: a refusal that is not busy is shown at once, no retry; BUSY past the retries is shown', async () => {
    const h = await makeHarness({ signedIn: true, busyRetryDelay: () => 1 });
    h.fake.realm(snapshot({ lobby: makeLobby() }));
    h.fake.backend.startQueue.mockRejectedValueOnce(new NetError('PARTY_TOO_LARGE', 'The party is too large for this mode.'));
    await h.store.getState().startQueue();
    expect(h.fake.backend.startQueue).toHaveBeenCalledTimes(1);
    expect(h.store.getState().queue.error).toBe('The party is too large for this mode.');
    h.fake.backend.startQueue.mockClear();
    h.fake.backend.startQueue.mockRejectedValue(new NetError('BUSY', 'Busy right now; retry in a moment.'));
    await h.store.getState().startQueue();
    expect(h.fake.backend.startQueue).toHaveBeenCalledTimes(7);
    expect(h.store.getState().queue).toMatchObject({ busy: false, notice: null, error: 'Busy right now; retry in a moment.' });
  });

  it('queue: status from Coral; match found alerts once; accept goes to Coral', async () => {
    const h = await inLobby();
    await h.store.getState().startQueue();
    expect(h.fake.backend.startQueue).toHaveBeenCalled();
    h.fake.coral({ type: 'lobby.updated', lobby: { id: 'l_1', host: ME.id, mode: '2v2', members: [ME], state: 'queued', version: 2 } });
    h.fake.coral(queued);
    expect(selectScreen(h.store.getState())).toBe('queue');
    h.fake.coral(found);
    h.fake.coral(found);
    expect(h.bridge.alerts).toEqual([{ title: 'Match found!', body: 'Accept within 20 seconds.' }]);
    await h.store.getState().acceptMatch();
    expect(h.fake.backend.acceptMatch).toHaveBeenCalledWith('pm_1');
    expect(h.store.getState().game.match).toMatchObject({ youAccepted: true, responding: false });
    h.fake.coral({ type: 'match.progress', prematchId: 'pm_1', accepted: 3, players: 4 });
    expect(h.store.getState().game.match?.accepted).toBe(3);
  });

  it('a ready check on screen survives a late copy of the queued lobby (same version, e.g. who is online changed)', async () => {
    const h = await inLobby();
    await h.store.getState().startQueue();
    h.fake.coral({ type: 'lobby.updated', lobby: { id: 'l_1', host: ME.id, mode: '2v2', members: [ME], state: 'queued', version: 2 } });
    h.fake.coral(queued);
    h.fake.coral(found);
    expect(h.store.getState().game.match?.prematchId).toBe('pm_1');
    // Realm's copy of the same queued lobby arrives after Coral's match.found (its event path lags under load).
    h.fake.realm({ type: 'lobby.updated', lobby: makeLobby({ state: 'queued', version: 2 }), online: [ME.id] });
    h.fake.coral({ type: 'lobby.updated', lobby: { id: 'l_1', host: ME.id, mode: '2v2', members: [ME], state: 'queued', version: 2 } });
    expect(h.store.getState().game.match?.prematchId).toBe('pm_1');
    expect(selectScreen(h.store.getState())).toBe('queue');
    // Queued again after the match formed (a failed ready check requeued us) does clear it.
    h.fake.coral({ type: 'lobby.updated', lobby: { id: 'l_1', host: ME.id, mode: '2v2', members: [ME], state: 'queued', version: 4, stateSince: 1_021_000 } });
    expect(h.store.getState().game.match).toBeNull();
  });

  it('a ready check on screen survives a queued lobby copy older than the match (any version), not a requeue after it', async () => {
    const h = await inLobby();
    await h.store.getState().startQueue();
    // The match formed at 1_000_000 (deadline less the default 20 s ready check) before this launcher heard it was queued.
    h.fake.coral(found);
    expect(h.store.getState().game.match?.prematchId).toBe('pm_1');
    h.fake.realm({ type: 'lobby.updated', lobby: makeLobby({ state: 'queued', stateSince: 990_000, version: 3 }) });
    expect(h.store.getState().game.match?.prematchId).toBe('pm_1');
    // Queued again after the match formed (someone declined, we were requeued): the ready check is over.
    h.fake.realm({ type: 'lobby.updated', lobby: makeLobby({ state: 'queued', stateSince: 1_004_000, version: 5 }) });
    expect(h.store.getState().game.match).toBeNull();
  });

  it('someone else declined: back to searching with a notice; we declined: idle with the reason', async () => {
    const h = await inLobby();
    h.fake.coral(queued);
    h.fake.coral(found);
    h.fake.coral({ type: 'match.cancelled', prematchId: 'pm_1', reason: 'declined', requeued: true });
    expect(h.store.getState().game.match).toBeNull();
    expect(h.store.getState().queue.notice).toMatch(/back in the queue with your original queue time/);
    expect(selectScreen(h.store.getState())).toBe('queue');

    h.fake.coral(found);
    await h.store.getState().declineMatch();
    expect(h.fake.backend.declineMatch).toHaveBeenCalledWith('pm_1');
    h.fake.coral({ type: 'match.cancelled', prematchId: 'pm_1', reason: 'declined', requeued: false });
    h.fake.coral({ type: 'lobby.updated', lobby: { id: 'l_1', host: ME.id, mode: '2v2', members: [ME], state: 'idle', idleReason: 'declined', version: 9 } });
    expect(selectScreen(h.store.getState())).toBe('lobby');
    expect(h.store.getState().queue.notice).toBe('You declined the match, so your lobby left the queue.');
  });

  it('we declined: the same words when the idle lobby arrives before match.cancelled', async () => {
    const h = await inLobby();
    h.fake.coral(queued);
    h.fake.coral(found);
    await h.store.getState().declineMatch();
    h.fake.coral({ type: 'lobby.updated', lobby: { id: 'l_1', host: ME.id, mode: '2v2', members: [ME], state: 'idle', idleReason: 'declined', version: 9 } });
    expect(h.store.getState().queue.notice).toBe('You declined the match, so your lobby left the queue.');
    h.fake.coral({ type: 'match.cancelled', prematchId: 'pm_1', reason: 'declined', requeued: false });
    expect(selectScreen(h.store.getState())).toBe('lobby');
    expect(h.store.getState().queue.notice).toBe('You declined the match, so your lobby left the queue.');
  });

  it('a lobby-mate declined: the lobby says so, not "you"', async () => {
    const h = await inLobby();
    h.fake.coral(queued);
    h.fake.coral(found);
    h.fake.coral({ type: 'lobby.updated', lobby: { id: 'l_1', host: ME.id, mode: '2v2', members: [ME], state: 'idle', idleReason: 'declined', version: 9 } });
    h.fake.coral({ type: 'match.cancelled', prematchId: 'pm_1', reason: 'declined', requeued: false });
    expect(h.store.getState().queue.notice).toBe('A player in your lobby declined the match, so the lobby left the queue.');
  });

  it('game.ready launches Onyx with the exact server, game and ticket; game.ended returns to the lobby with the result', async () => {
    const h = await inLobby();
    h.fake.coral(ready);
    await Promise.resolve();
    expect(h.bridge.launches).toEqual([{ moonstone: '127.0.0.1:7400', gameId: 'g_1', ticket: 'ticket-abcdefghijklmnop' }]);
    expect(selectScreen(h.store.getState())).toBe('game');
    h.fake.coral({ type: 'game.ended', gameId: 'g_1', result: { winningTeam: 0 } });
    h.fake.coral({ type: 'lobby.updated', lobby: { id: 'l_1', host: ME.id, mode: '2v2', members: [ME], state: 'idle', idleReason: 'game_over', version: 9 } });
    expect(selectScreen(h.store.getState())).toBe('lobby');
    expect(h.store.getState().game.lastResult?.result).toEqual({ winningTeam: 0 });
  });

  it('leave game: Coral is asked for this game; a refusal is shown; once it leaves, the lobby says why (issue #12, item 10)', async () => {
    const h = await inLobby();
    h.fake.coral(ready);
    await Promise.resolve();
    h.fake.backend.leaveGame.mockRejectedValueOnce(new NetError('WRONG_STATE', 'A party member is still in the game.'));
    await h.store.getState().leaveGame();
    expect(h.fake.backend.leaveGame).toHaveBeenCalledWith('g_1');
    expect(h.store.getState().game.leaveError).toMatch(/party member is still in the game/);
    expect(h.store.getState().game.leaving).toBe(false);
    expect(selectScreen(h.store.getState())).toBe('game');
    await h.store.getState().leaveGame();
    expect(h.fake.backend.leaveGame).toHaveBeenCalledTimes(2);
    expect(h.store.getState().game.leaveError).toBeNull();
    h.fake.coral({ type: 'lobby.updated', lobby: { id: 'l_1', host: ME.id, mode: '2v2', members: [ME], state: 'idle', idleReason: 'left_game', version: 9 } });
    expect(selectScreen(h.store.getState())).toBe('lobby');
    expect(h.store.getState().game.ready).toBeNull();
    expect(h.store.getState().queue.notice).toBe('Your lobby left the game before it ended. You can queue again.');
  });

  it('a missing Onyx path is a typed launch error the game screen can show', async () => {
    const h = await makeHarness({ signedIn: true, onyxPath: '' });
    h.fake.realm(snapshot({ lobby: makeLobby({ state: 'ingame' }) }));
    h.fake.coral(ready);
    await new Promise((r) => setTimeout(r, 0));
    expect(h.store.getState().game.launchError).toMatchObject({ code: 'PATH_UNSET' });
    expect(h.store.getState().game.launching).toBe(false);
  });
});

describe('Onyx state ordering', () => {
  it('a stale "running" (launch reply) never overwrites the "exited" push of the same run', async () => {
    const h = await makeHarness({ signedIn: true });
    const running = { status: 'running' as const, runId: 1, gameId: 'g_1', pid: 5, startedAt: 1, logPath: '/l' };
    const exited = { status: 'exited' as const, runId: 1, gameId: 'g_1', code: 3, signal: null, lastLines: [], logPath: '/l', endedAt: 2 };
    h.store.getState().setOnyxState(exited);
    h.store.getState().setOnyxState(running);
    expect(h.store.getState().game.onyx).toEqual(exited);
    const next = { ...running, runId: 2 };
    h.store.getState().setOnyxState(next);
    expect(h.store.getState().game.onyx).toEqual(next);
    h.store.getState().setOnyxState({ status: 'idle' });
    expect(h.store.getState().game.onyx).toEqual(next);
  });
});

describe('settings slice', () => {
  it('saves through the bridge, refuses bad input with its message, and signs out on a server change', async () => {
    const h = await makeHarness({ signedIn: true });
    expect(await h.store.getState().saveSettings({ backendUrl: 'ftp://x' })).toBe(false);
    expect(h.store.getState().settings.error).toMatch(/http/);
    expect(await h.store.getState().saveSettings({ ticketMode: 'stdin' })).toBe(true);
    expect(h.store.getState().session.status).toBe('signed-in');
    expect(await h.store.getState().saveSettings({ backendUrl: 'https://realm.example.com' })).toBe(true);
    expect(h.fake.backend.setBaseUrl).toHaveBeenLastCalledWith('https://realm.example.com');
    expect(h.store.getState().session.status).toBe('signed-out');
  });
});

describe('honest connection states (#18)', () => {
  it('any 401 the backend reports signs out with its one-line reason', async () => {
    const h = await makeHarness({ signedIn: true });
    h.fake.realm(snapshot({ lobby: makeLobby() }));
    h.fake.endSession('Your session has ended (the server no longer knows it). Please sign in again.');
    expect(h.store.getState().session).toMatchObject({ status: 'signed-out', error: expect.stringMatching(/^Your session has ended/) });
    expect((await h.bridge.loadSession()).session).toBeNull();
    expect(selectScreen(h.store.getState())).toBe('auth');
  });

  it('one model: down from the first failed attempt until Realm answers, with the next retry time; Retry now reconnects', async () => {
    const h = await makeHarness({ signedIn: true });
    expect(selectNetworkDown(h.store.getState())).toBe(false);
    h.fake.realmStatus('reconnecting');
    expect(selectNetworkDown(h.store.getState())).toBe(true);
    const down = h.store.getState().connection.realmDownSince;
    h.now.value += 1000;
    h.fake.backend.connectRealm.mock.calls[0]![0].status('reconnecting', 4000);
    expect(h.store.getState().connection).toMatchObject({ realmDownSince: down, retryAt: h.now.value + 4000 });
    h.store.getState().retryNow();
    expect(h.fake.backend.connectRealm).toHaveBeenCalledTimes(2);
    expect(selectNetworkDown(h.store.getState())).toBe(true);
    h.fake.realmStatus('online');
    expect(h.store.getState().connection).toMatchObject({ realmDownSince: null, retryAt: null });
  });

  it('a reload shows the last confirmed lobby and invite link, marked stale until the snapshot', async () => {
    const memory = createMemoryStorage();
    const first = await makeHarness({ signedIn: true, memory });
    first.fake.realm(snapshot({ lobby: makeLobby() }));
    await first.store.getState().rotateInvite();
    const link = first.store.getState().lobby.invite?.link;
    expect(link).toMatch(/^glaceon:\/\/join\//);
    // The "reload": a new store over the same page memory, and Realm does not answer yet.
    const second = await makeHarness({ signedIn: true, memory });
    expect(second.store.getState().connection.stale).toBe(true);
    expect(selectScreen(second.store.getState())).toBe('lobby');
    expect(second.store.getState().lobby.invite?.link).toBe(link);
    second.fake.realm(snapshot({ lobby: makeLobby({ version: 2 }) }));
    expect(second.store.getState().connection.stale).toBe(false);
    expect(second.store.getState().lobby.invite?.link).toBe(link);
    await second.store.getState().signOut();
    expect(memory.data.size).toBe(0);
  });

  it('names who cancelled: the host reads "You cancelled the search", a member "The host cancelled the search"', async () => {
    const host = await makeHarness({ signedIn: true });
    host.fake.realm(snapshot({ lobby: makeLobby({ state: 'queued' }) }));
    host.fake.coral(queued);
    host.fake.realm({ type: 'lobby.updated', lobby: makeLobby({ state: 'idle', idleReason: 'cancelled', version: 3 }) });
    expect(host.store.getState().queue.notice).toBe('You cancelled the search.');
    const member = await makeHarness({ signedIn: true });
    member.fake.realm(snapshot({ lobby: makeLobby({ host: 'p_frost', state: 'queued', members: [{ id: 'p_frost', name: 'frost' }, ME] }) }));
    member.fake.coral(queued);
    member.fake.realm({
      type: 'lobby.updated',
      lobby: makeLobby({ host: 'p_frost', state: 'idle', idleReason: 'cancelled', version: 3, members: [{ id: 'p_frost', name: 'frost' }, ME] }),
    });
    expect(member.store.getState().queue.notice).toBe('The host cancelled the search.');
  });

  it('greets a new account as new', async () => {
    const h = await makeHarness();
    await h.store.getState().register('aurora', 'correct horse battery');
    expect(h.store.getState().session.fresh).toBe(true);
    await h.store.getState().signOut();
    await h.store.getState().signIn('aurora', 'correct horse battery');
    expect(h.store.getState().session.fresh).toBe(false);
  });
});
