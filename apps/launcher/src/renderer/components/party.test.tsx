/** Party management and friends you can act on (#15), through the whole renderer over the fake backend. */
import { act, render, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
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

const FROST = { id: 'p_frost', name: 'frost' };
const ME = { id: 'p_me', name: 'aurora' };

describe('party management', () => {
  it('the host sees who is connected, and removes a member only after confirming; the shown link becomes the new one', async () => {
    const h = await makeHarness({ signedIn: true });
    renderApp(h);
    act(() => h.fake.realm(snapshot({ lobby: makeLobby({ members: [ME, FROST] }), lobbyOnline: [ME.id] })));
    expect(within(screen.getByTestId('member-frost')).getByText('Disconnected')).toBeInTheDocument();
    expect(within(screen.getByTestId('member-aurora')).getByText('Connected')).toBeInTheDocument();
    // Realm says frost is back.
    act(() => h.fake.realm({ type: 'lobby.updated', lobby: makeLobby({ members: [ME, FROST], version: 2 }), online: [ME.id, FROST.id] }));
    expect(within(screen.getByTestId('member-frost')).getByText('Connected')).toBeInTheDocument();

    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Remove frost from the lobby' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Remove frost from the lobby?' });
    // Focus starts on the safe choice; Escape cancels and nothing is sent.
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Cancel' }));
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(h.fake.backend.kickMember).not.toHaveBeenCalled();

    await user.click(screen.getByRole('button', { name: 'Remove frost from the lobby' }));
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Remove' }));
    expect(h.fake.backend.kickMember).toHaveBeenCalledWith('l_1', FROST.id);
    expect(await screen.findByText(/frost was removed/)).toBeInTheDocument();
    expect(screen.queryByTestId('member-frost')).toBeNull();
    expect(screen.getByLabelText('Invite link')).toHaveValue(`glaceon://join/${'K'.repeat(32)}`);
  }, 20_000);

  it('transfer host asks first; a member sees no host actions', async () => {
    const h = await makeHarness({ signedIn: true });
    h.fake.backend.transferHost.mockResolvedValueOnce(makeLobby({ host: FROST.id, members: [ME, FROST], version: 5 }));
    renderApp(h);
    act(() => h.fake.realm(snapshot({ lobby: makeLobby({ members: [ME, FROST] }), lobbyOnline: [ME.id, FROST.id] })));
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Make frost the host' }));
    await user.click(within(screen.getByRole('alertdialog', { name: 'Make frost the host?' })).getByRole('button', { name: 'Make host' }));
    expect(h.fake.backend.transferHost).toHaveBeenCalledWith('l_1', FROST.id);
    // Now frost hosts: no host actions for me any more.
    expect(await screen.findByRole('heading', { name: "frost's lobby" })).toBeInTheDocument();
    expect(screen.queryAllByRole('button', { name: /^Remove .* from the lobby$|^Make .* the host$/ })).toHaveLength(0);
  }, 20_000);

  it('a failed kick says why and keeps the member', async () => {
    const h = await makeHarness({ signedIn: true });
    h.fake.backend.kickMember.mockRejectedValueOnce(new NetError('LOBBY_NOT_IDLE', 'The lobby is busy (queued or in a match); try again when it is idle.'));
    renderApp(h);
    act(() => h.fake.realm(snapshot({ lobby: makeLobby({ members: [ME, FROST] }) })));
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Remove frost from the lobby' }));
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Remove' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The lobby is busy');
    expect(screen.getByTestId('member-frost')).toBeInTheDocument();
  });

  it('the party is told who left the queue, and who declined the match', async () => {
    const h = await makeHarness({ signedIn: true });
    renderApp(h);
    const queued = makeLobby({ state: 'queued', members: [ME, FROST], version: 2 });
    act(() => h.fake.realm(snapshot({ lobby: queued })));
    act(() =>
      h.fake.coral({
        type: 'queue.status',
        lobbyId: 'l_1',
        mode: '2v2',
        queuedAt: 1,
        elapsedMs: 1000,
        playersSearching: 2,
        estimatedWaitMs: null,
        ratingWindow: 100,
      }),
    );
    act(() =>
      h.fake.coral({
        type: 'lobby.updated',
        lobby: { id: 'l_1', host: ME.id, mode: '2v2', members: [ME, FROST], state: 'idle', idleReason: 'cancelled', idleBy: [FROST.id], version: 3 },
      }),
    );
    expect(await screen.findByText('frost left the queue.')).toBeInTheDocument();

    // A ready check another player failed: named, and we are back in the queue.
    act(() => h.fake.realm({ type: 'lobby.updated', lobby: makeLobby({ state: 'queued', members: [ME, FROST], version: 4 }) }));
    act(() =>
      h.fake.coral({ type: 'match.found', prematchId: 'pm_1', mode: '2v2', deadline: Date.now() + 10_000, players: 4, accepted: 0, youAccepted: false }),
    );
    act(() => h.fake.coral({ type: 'match.cancelled', prematchId: 'pm_1', reason: 'timeout', requeued: true, by: [{ id: 'p_x', name: 'kestrel' }] }));
    expect(await screen.findByText(/kestrel did not accept in time\. You are back in the queue/)).toBeInTheDocument();
  });

  it('join requests: the host is told, the navigation shows a badge, and Accept answers', async () => {
    const h = await makeHarness({ signedIn: true });
    renderApp(h);
    act(() => h.fake.realm(snapshot({ lobby: makeLobby({ mode: '5v5' }) })));
    expect(screen.getByText('No join requests')).toBeInTheDocument();
    act(() => h.fake.realm({ type: 'join.request.received', request: { lobbyId: 'l_1', from: { id: 'p_mira', name: 'mira' }, at: 1, expiresAt: 9e12 } }));
    act(() => h.fake.realm({ type: 'friend.request', from: { id: 'p_quill', name: 'quill', at: 2 } }));
    // One friend request plus one join request are waiting on this player.
    expect(screen.getByTestId('nav-pending')).toHaveTextContent('2');
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Let mira join' }));
    expect(h.fake.backend.answerJoinRequest).toHaveBeenCalledWith('l_1', 'p_mira', true);
    expect(screen.queryByRole('button', { name: 'Let mira join' })).toBeNull();
    expect(screen.getByTestId('nav-pending')).toHaveTextContent('1');
  });
});

describe('friends you can act on', () => {
  it('asks to join a friend who is in a lobby; the answer arrives as news', async () => {
    const h = await makeHarness({ signedIn: true });
    renderApp(h);
    act(() =>
      h.fake.realm(
        snapshot({
          friends: { friends: [{ id: FROST.id, name: 'frost', presence: 'in_lobby', since: 1 }], incoming: [], outgoing: [], blocked: [] },
        }),
      ),
    );
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: "Ask to join frost's lobby" }));
    expect(h.fake.backend.askToJoin).toHaveBeenCalledWith(FROST.id);
    expect(screen.getByRole('button', { name: "Ask to join frost's lobby" })).toBeDisabled();
    expect(screen.getByText("Asked to join frost's lobby. The host will answer.")).toBeInTheDocument();
    act(() => h.fake.realm({ type: 'join.request.answered', lobbyId: 'l_frost', accepted: false }));
    expect(screen.getByText('Your request to join was declined.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: "Ask to join frost's lobby" })).toBeEnabled();
  });

  it('invites an online friend into my lobby from the friends list', async () => {
    const h = await makeHarness({ signedIn: true });
    renderApp(h);
    act(() => h.fake.realm(snapshot({ lobby: makeLobby({ mode: '5v5' }) })));
    const user = userEvent.setup();
    const friends = screen.getByRole('complementary', { name: 'Friends' });
    await user.click(within(friends).getByRole('button', { name: 'Invite to your lobby: frost' }));
    expect(h.fake.backend.inviteFriend).toHaveBeenCalledWith('l_1', FROST.id);
    expect(within(friends).getByRole('button', { name: 'Invite to your lobby: frost' })).toHaveTextContent('Invited');
    // An offline friend cannot be invited from the list.
    expect(within(friends).queryByRole('button', { name: 'Invite to your lobby: sable' })).toBeNull();
  });
});
