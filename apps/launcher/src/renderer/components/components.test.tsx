import { act, render, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { App } from '../App.js';
import '../bridge/window.js';
import { StoreProvider } from '../store/context.js';
import { NetError } from '../net/backend.js';
import { makeHarness, makeLobby, snapshot, type Harness } from '../test/fakes.js';

function renderApp(h: Harness) {
  window.glaceon = h.bridge;
  return render(
    <StoreProvider store={h.store}>
      <App />
    </StoreProvider>,
  );
}

describe('auth screen', () => {
  it('signs in with labelled fields and shows a wrong password clearly', async () => {
    const h = await makeHarness();
    h.fake.backend.signIn.mockRejectedValueOnce(new NetError('INVALID_CREDENTIALS', 'Wrong display name or password.'));
    renderApp(h);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Display name'), 'aurora');
    await user.type(screen.getByLabelText('Password'), 'wrong password');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Wrong display name or password.');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('heading', { name: /Ready to play, aurora/ })).toBeInTheDocument();
  });

  it('after an error, focus goes to the first field to fix (not to the page)', async () => {
    const h = await makeHarness();
    h.fake.backend.signIn.mockRejectedValueOnce(new NetError('INVALID_CREDENTIALS', 'Wrong display name or password.'));
    renderApp(h);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Display name'), 'aurora');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(document.activeElement).toBe(screen.getByLabelText('Password'));
    expect(screen.getByLabelText('Password')).toHaveAttribute('aria-invalid', 'true');
    await user.type(screen.getByLabelText('Password'), 'wrong password');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    await screen.findByRole('alert');
    expect(document.activeElement).toBe(screen.getByLabelText('Display name'));
  });

  it('checks the sign-up form before calling the server', async () => {
    const h = await makeHarness();
    renderApp(h);
    const user = userEvent.setup();
    await user.click(screen.getByRole('tab', { name: 'Create account' }));
    await user.type(screen.getByLabelText('Display name'), 'aurora');
    await user.type(screen.getByLabelText('Password'), 'long enough pw');
    await user.type(screen.getByLabelText('Confirm password'), 'different pw!!');
    await user.click(screen.getByRole('button', { name: 'Create account' }));
    expect(screen.getByRole('alert')).toHaveTextContent('The two passwords do not match.');
    expect(h.fake.backend.register).not.toHaveBeenCalled();
  });
});

describe('home and friends', () => {
  it('lists friends with presence, answers requests and adds a friend by name', async () => {
    const h = await makeHarness({ signedIn: true });
    renderApp(h);
    const base = snapshot();
    if (base.type !== 'snapshot') throw new Error('fixture');
    act(() => h.fake.realm({ ...base, friends: { ...base.friends, incoming: [{ id: 'p_quill', name: 'quill', at: 1 }] } }));
    const list = screen.getByRole('region', { name: 'Friends list' });
    expect(within(list).getByText('frost')).toBeInTheDocument();
    expect(within(list).getByText('Online')).toBeInTheDocument();
    act(() => h.fake.realm({ type: 'presence', playerId: 'p_frost', presence: 'in_game' }));
    expect(within(list).getByText('In game')).toBeInTheDocument();

    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Accept quill' }));
    expect(h.fake.backend.acceptFriend).toHaveBeenCalledWith('p_quill');
    await user.type(screen.getByLabelText('Add a friend by display name'), 'mira');
    await user.click(screen.getByRole('button', { name: 'Add' }));
    expect(await screen.findByText('Friend request sent to mira.')).toBeInTheDocument();
  });

  it('the "request sent" note fades after a few seconds', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      const h = await makeHarness({ signedIn: true });
      renderApp(h);
      act(() => h.fake.realm(snapshot()));
      await act(() => h.store.getState().addFriend('mira'));
      expect(screen.getByText('Friend request sent to mira.')).toBeInTheDocument();
      act(() => vi.advanceTimersByTime(5000));
      expect(screen.getByText('Friend request sent to mira.')).toBeInTheDocument();
      act(() => vi.advanceTimersByTime(1500));
      expect(screen.queryByText('Friend request sent to mira.')).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });

  it("an invite toast accepts into the friend's lobby", async () => {
    const h = await makeHarness({ signedIn: true });
    renderApp(h);
    act(() => h.fake.realm(snapshot({ invites: [{ id: 'inv_1', lobbyId: 'l_1', from: { id: 'p_frost', name: 'frost' }, mode: '2v2', at: 1, expiresAt: 2 }] })));
    const toast = screen.getByRole('region', { name: 'Lobby invitations' });
    expect(toast).toHaveTextContent('frost invited you to their lobby');
    await userEvent.setup().click(within(toast).getByRole('button', { name: 'Accept' }));
    expect(h.fake.backend.acceptInvite).toHaveBeenCalledWith('inv_1');
  });
});

describe('lobby screen', () => {
  it('shows the host badge, lets the host change mode and start the queue', async () => {
    const h = await makeHarness({ signedIn: true });
    renderApp(h);
    act(() =>
      h.fake.realm(
        snapshot({
          lobby: makeLobby({
            members: [
              { id: 'p_me', name: 'aurora' },
              { id: 'p_frost', name: 'frost' },
            ],
          }),
        }),
      ),
    );
    const members = screen.getByRole('list', { name: 'Lobby members' });
    expect(within(members).getByText('Host')).toBeInTheDocument();
    const user = userEvent.setup();
    expect(screen.getByRole('radio', { name: 'Duel (1v1)' })).toBeDisabled(); // two players cannot duel
    await user.click(screen.getByRole('radio', { name: 'Teams (5v5)' }));
    expect(h.fake.backend.setMode).toHaveBeenCalledWith('l_1', '5v5');
    await user.click(screen.getByRole('button', { name: 'Find match' }));
    expect(h.fake.backend.startQueue).toHaveBeenCalled();
  });

  it('a member sees who hosts and cannot start the queue', async () => {
    const h = await makeHarness({ signedIn: true });
    renderApp(h);
    act(() =>
      h.fake.realm(
        snapshot({
          lobby: makeLobby({
            host: 'p_frost',
            members: [
              { id: 'p_frost', name: 'frost' },
              { id: 'p_me', name: 'aurora' },
            ],
          }),
        }),
      ),
    );
    expect(screen.getByRole('heading', { name: "frost's lobby" })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Find match' })).toBeNull();
    expect(screen.getByText(/Waiting for frost to start the queue/)).toBeInTheDocument();
  });
});

describe('deep link confirmation', () => {
  it('a glaceon:// link opens "Join frost\'s lobby?" and joins only on confirm', async () => {
    const h = await makeHarness({ signedIn: true });
    renderApp(h);
    act(() => h.fake.realm(snapshot()));
    await act(async () => h.bridge.emitDeepLink(`glaceon://join/${'Z'.repeat(32)}`));
    const dialog = await screen.findByRole('dialog', { name: "Join frost's lobby?" });
    expect(h.fake.backend.joinByToken).not.toHaveBeenCalled();
    await userEvent.setup().click(within(dialog).getByRole('button', { name: 'Join lobby' }));
    expect(h.fake.backend.joinByToken).toHaveBeenCalledWith('Z'.repeat(32));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('Escape cancels without joining; a malformed link is ignored', async () => {
    const h = await makeHarness({ signedIn: true });
    renderApp(h);
    act(() => h.fake.realm(snapshot()));
    await act(async () => h.bridge.emitDeepLink('glaceon://join/bad'));
    expect(screen.queryByRole('dialog')).toBeNull();
    await act(async () => h.bridge.emitDeepLink(`glaceon://join/${'Y'.repeat(32)}`));
    await screen.findByRole('dialog');
    await userEvent.setup().keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(h.fake.backend.joinByToken).not.toHaveBeenCalled();
  });
});

describe('queue, ready check and game', () => {
  it('every member sees the queue; the ready check counts down from the server deadline and accepts', async () => {
    const h = await makeHarness({ signedIn: true });
    renderApp(h);
    act(() =>
      h.fake.realm(
        snapshot({
          lobby: makeLobby({
            state: 'queued',
            host: 'p_frost',
            members: [
              { id: 'p_frost', name: 'frost' },
              { id: 'p_me', name: 'aurora' },
            ],
          }),
        }),
      ),
    );
    act(() =>
      h.fake.coral({
        type: 'queue.status',
        lobbyId: 'l_1',
        mode: '2v2',
        queuedAt: 1,
        elapsedMs: 65_000,
        playersSearching: 321,
        estimatedWaitMs: 120_000,
        ratingWindow: 150,
      }),
    );
    expect(screen.getByRole('heading', { name: 'Searching for a match' })).toBeInTheDocument();
    expect(screen.getByText('321')).toBeInTheDocument();
    expect(screen.getByText('~2 min')).toBeInTheDocument();
    // #15: any member may leave the queue (it stops the search for the party); before, only the host could.
    expect(screen.getByRole('button', { name: 'Leave queue' })).toBeEnabled();
    expect(screen.getByText('Leaving the queue stops the search for the whole party.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Cancel search' })).toBeNull();
    expect(screen.queryByLabelText('Why it takes a while')).toBeNull(); // no reason yet: nothing said

    // The leader's pass says why: the queue screen puts it in words.
    act(() =>
      h.fake.coral({
        type: 'queue.status',
        lobbyId: 'l_1',
        mode: '2v2',
        queuedAt: 1,
        elapsedMs: 66_000,
        playersSearching: 321,
        estimatedWaitMs: 119_000,
        ratingWindow: 160,
        why: { reason: 'few_players', playersInWindow: 1, playersNeeded: 2, nearestGap: 120, window: 160, at: 2 },
      }),
    );
    expect(screen.getByLabelText('Why it takes a while')).toHaveTextContent(
      '1 player near your skill right now; a match needs 2 more. The closest is 120 rating points away. Widening the search.',
    );

    act(() =>
      h.fake.coral({ type: 'match.found', prematchId: 'pm_1', mode: '2v2', deadline: Date.now() + 15_000, players: 4, accepted: 1, youAccepted: false }),
    );
    const dialog = screen.getByRole('alertdialog', { name: 'Match found!' });
    expect(within(dialog).getByRole('timer')).toHaveAccessibleName(/^1[45] seconds left$/);
    const accept = within(dialog).getByRole('button', { name: 'Accept' });
    expect(accept).toHaveFocus();
    await userEvent.setup().click(accept);
    expect(h.fake.backend.acceptMatch).toHaveBeenCalledWith('pm_1');
    expect(await within(dialog).findByText(/Waiting for the others/)).toBeInTheDocument();
  });

  it('Onyx crashed: last lines, a log link and Rejoin that launches again', async () => {
    const h = await makeHarness({ signedIn: true });
    renderApp(h);
    act(() => h.fake.realm(snapshot({ lobby: makeLobby({ state: 'ingame' }) })));
    await act(async () =>
      h.fake.coral({
        type: 'game.ready',
        gameId: 'g_1',
        prematchId: 'pm_1',
        serverId: 'ms_1',
        moonstone: '127.0.0.1:7400',
        ticket: 'ticket-abcdefghijklmnop',
        ticketExpiresAt: 1,
      }),
    );
    expect(h.bridge.launches).toHaveLength(1);
    act(() => h.bridge.emitOnyx({ status: 'running', runId: 1, gameId: 'g_1', pid: 9, startedAt: Date.now(), logPath: '/l.log' }));
    expect(screen.getByText('In game')).toBeInTheDocument();
    act(() =>
      h.bridge.emitOnyx({
        status: 'exited',
        runId: 1,
        gameId: 'g_1',
        code: null,
        signal: 'SIGSEGV',
        lastLines: ['boom: segfault'],
        logPath: '/l.log',
        endedAt: 1,
      }),
    );
    expect(screen.getByRole('heading', { name: 'The game closed unexpectedly' })).toBeInTheDocument();
    expect(screen.getByText(/stopped by signal SIGSEGV/)).toBeInTheDocument();
    expect(screen.getByText('boom: segfault')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Open log file' })).toBeInTheDocument();
    await userEvent.setup().click(screen.getByRole('button', { name: 'Rejoin game' }));
    expect(h.bridge.launches).toHaveLength(2);
  });

  it('Onyx exited while the game runs: Leave game asks Coral, shows a refusal, and returns to the lobby once it left', async () => {
    const h = await makeHarness({ signedIn: true });
    renderApp(h);
    act(() => h.fake.realm(snapshot({ lobby: makeLobby({ state: 'ingame' }) })));
    await act(async () =>
      h.fake.coral({
        type: 'game.ready',
        gameId: 'g_1',
        prematchId: 'pm_1',
        serverId: 'ms_1',
        moonstone: '127.0.0.1:7400',
        ticket: 'ticket-abcdefghijklmnop',
        ticketExpiresAt: 1,
      }),
    );
    act(() => h.bridge.emitOnyx({ status: 'running', runId: 1, gameId: 'g_1', pid: 9, startedAt: Date.now(), logPath: '/l.log' }));
    // While Onyx runs there is no way to leave from the launcher.
    expect(screen.queryByRole('button', { name: 'Leave game' })).toBeNull();
    act(() => h.bridge.emitOnyx({ status: 'exited', runId: 1, gameId: 'g_1', code: 0, signal: null, lastLines: [], logPath: '/l.log', endedAt: 1 }));
    expect(screen.getByRole('heading', { name: 'You left the game' })).toBeInTheDocument();
    h.fake.backend.leaveGame.mockRejectedValueOnce(new NetError('WRONG_STATE', 'A party member is still in the game.'));
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Leave game' }));
    expect(h.fake.backend.leaveGame).toHaveBeenCalledWith('g_1');
    expect(await screen.findByText('You cannot leave the game yet: A party member is still in the game.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Leave game' }));
    act(() =>
      h.fake.coral({
        type: 'lobby.updated',
        lobby: { id: 'l_1', host: 'p_me', mode: '2v2', members: [{ id: 'p_me', name: 'aurora' }], state: 'idle', idleReason: 'left_game', version: 99 },
      }),
    );
    expect(await screen.findByText('Your lobby left the game before it ended. You can queue again.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Leave game' })).toBeNull();
  });

  it('shows the connection status, including reconnecting', async () => {
    const h = await makeHarness({ signedIn: true });
    renderApp(h);
    act(() => h.fake.realm(snapshot()));
    const status = screen.getByRole('status', { name: 'Connection status' });
    expect(status).toHaveTextContent('Server: Connected');
    act(() => h.store.setState({ connection: { ...h.store.getState().connection, realm: 'reconnecting' } }));
    expect(status).toHaveTextContent('Server: Reconnecting…');
  });

  it('Realm down: a full-width banner with the countdown and Retry now, network buttons disabled, all back when it answers', async () => {
    const h = await makeHarness({ signedIn: true });
    renderApp(h);
    act(() => h.fake.realm(snapshot()));
    const create = screen.getByRole('button', { name: 'Create lobby' });
    expect(create).toBeEnabled();
    // The banner counts down on the wall clock: align the harness clock with it.
    h.now.value = Date.now();
    act(() => h.fake.backend.connectRealm.mock.calls[0]![0].status('reconnecting', 4_000));
    const banner = document.getElementById('outage-banner')!;
    expect(banner).toHaveTextContent(/Can't reach Glaceon\. Retrying in [34] s\./);
    expect(create).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Add' })).toBeDisabled();
    await userEvent.setup().click(within(banner).getByRole('button', { name: 'Retry now' }));
    expect(h.fake.backend.connectRealm).toHaveBeenCalledTimes(2);
    act(() => h.fake.realmStatus('online'));
    expect(document.getElementById('outage-banner')).toBeNull();
    expect(screen.getByRole('button', { name: 'Create lobby' })).toBeEnabled();
  });

  it('the join dialog keeps Tab inside itself and gives focus back when it closes', async () => {
    const h = await makeHarness({ signedIn: true });
    renderApp(h);
    act(() => h.fake.realm(snapshot()));
    const user = userEvent.setup();
    const field = screen.getByLabelText('Invite link or code');
    await user.click(field);
    await act(async () => h.bridge.emitDeepLink(`glaceon://join/${'Y'.repeat(32)}`));
    const dialog = await screen.findByRole('dialog');
    await within(dialog).findByRole('button', { name: 'Join lobby' });
    for (let i = 0; i < 5; i++) {
      await user.tab();
      expect(dialog.contains(document.activeElement)).toBe(true);
    }
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(field);
  });
});
