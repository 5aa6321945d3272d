import { act, render, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { LobbyChatLine } from '@glaceon/protocol';
import { App } from '../App.js';
import '../bridge/window.js';
import { StoreProvider } from '../store/context.js';
import { NetError } from '../net/backend.js';
import { makeHarness, makeLobby, ME, snapshot, type Harness } from '../test/fakes.js';

function renderApp(h: Harness) {
  window.glaceon = h.bridge;
  return render(
    <StoreProvider store={h.store}>
      <App />
    </StoreProvider>,
  );
}

const frost = { id: 'p_frost', name: 'frost' };
const hostile: LobbyChatLine = { id: '5-0', at: 5, kind: 'message', from: frost, text: '<img src=x onerror="window.pwned=1"><b>bold?</b> **md**' };

describe('party chat', () => {
  it('shows history, renders hostile text literally, sends with Enter, and appends live lines of this lobby only', async () => {
    const h = await makeHarness({ signedIn: true });
    const lobby = makeLobby({ members: [ME, frost] });
    h.fake.backend.lobbyChat.mockResolvedValue([{ id: '1-0', at: 1, kind: 'system', from: frost, event: 'joined' }, hostile]);
    renderApp(h);
    act(() => h.fake.realm(snapshot({ lobby })));
    const log = await screen.findByRole('log', { name: 'Chat messages' });
    expect(within(log).getByText('frost joined the lobby.')).toBeInTheDocument();
    // Shown as the characters typed: no element was created from it.
    expect(within(log).getByText(hostile.text!)).toBeInTheDocument();
    expect(log.querySelector('img, b')).toBeNull();
    expect((window as unknown as { pwned?: number }).pwned).toBeUndefined();

    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Message to your party'), 'gl hf{Enter}');
    expect(h.fake.backend.sendLobbyChat).toHaveBeenCalledWith(lobby.id, 'gl hf');
    expect(await within(log).findByText('gl hf')).toBeInTheDocument();
    expect(screen.getByLabelText('Message to your party')).toHaveValue('');

    act(() => h.fake.realm({ type: 'chat.line', lobbyId: 'l_other', line: { id: '9-0', at: 9, kind: 'message', from: frost, text: 'elsewhere' } }));
    act(() => h.fake.realm({ type: 'chat.line', lobbyId: lobby.id, line: { id: '8-0', at: 8, kind: 'system', from: frost, event: 'kicked', by: ME } }));
    expect(within(log).queryByText('elsewhere')).toBeNull();
    expect(within(log).getByText(`frost was removed by ${ME.name}.`)).toBeInTheDocument();
  });

  it('refuses a blank message without a request, and shows a rate limit from the server', async () => {
    const h = await makeHarness({ signedIn: true });
    renderApp(h);
    act(() => h.fake.realm(snapshot({ lobby: makeLobby({ members: [ME, frost] }) })));
    expect(await screen.findByText('No messages yet')).toBeInTheDocument();
    expect(await h.store.getState().sendLobbyChat('   ')).toBe(false);
    expect(h.fake.backend.sendLobbyChat).not.toHaveBeenCalled();
    h.fake.backend.sendLobbyChat.mockRejectedValueOnce(new NetError('RATE_LIMITED', 'Too many attempts; retry in 1 s.'));
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Message to your party'), 'spam{Enter}');
    expect(await screen.findByRole('alert')).toBeInTheDocument();
  });

  it('blocks the author of a line after an in-place confirmation', async () => {
    const h = await makeHarness({ signedIn: true });
    h.fake.backend.lobbyChat.mockResolvedValue([hostile]);
    renderApp(h);
    act(() => h.fake.realm(snapshot({ lobby: makeLobby({ members: [ME, frost] }) })));
    const log = await screen.findByRole('log', { name: 'Chat messages' });
    const user = userEvent.setup();
    await user.click(within(log).getByRole('button', { name: 'Block frost' }));
    const confirm = within(log).getByRole('group', { name: 'Block frost' });
    expect(document.activeElement).toBe(within(confirm).getByRole('button', { name: 'Block' }));
    await user.keyboard('{Enter}');
    expect(h.fake.backend.block).toHaveBeenCalledWith('p_frost');
  });
});

describe('direct messages', () => {
  it('loads conversations at sign-in (messages sent while offline), badges unread, and clears it on reading', async () => {
    const h = await makeHarness({ signedIn: true });
    h.fake.backend.conversations.mockResolvedValue([{ player: frost, unread: 2, last: { id: '2-0', at: 2, from: frost.id, to: ME.id, text: 'you there?' } }]);
    h.fake.backend.conversation.mockResolvedValue({
      player: frost,
      unread: 2,
      messages: [
        { id: '1-0', at: 1, from: frost.id, to: ME.id, text: 'hey' },
        { id: '2-0', at: 2, from: frost.id, to: ME.id, text: 'you there?' },
      ],
    });
    renderApp(h);
    act(() => h.fake.realm(snapshot()));
    expect(await screen.findByTestId('unread-badge')).toHaveTextContent('2');
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: /^Messages/ }));
    const list = await screen.findByRole('list', { name: 'Conversations' });
    await user.click(within(list).getByRole('button', { name: /frost/ }));
    const log = await screen.findByRole('log', { name: 'Conversation with frost' });
    expect(within(log).getByText('hey')).toBeInTheDocument();
    expect(h.fake.backend.markRead).toHaveBeenCalledWith('p_frost');
    expect(screen.queryByTestId('unread-badge')).toBeNull();

    // Live: a message in the open conversation is read at once; one from elsewhere counts.
    act(() => h.fake.realm({ type: 'dm.message', message: { id: '3-0', at: 3, from: frost.id, to: ME.id, text: 'live' }, player: frost, unread: 1 }));
    expect(await within(log).findByText('live')).toBeInTheDocument();
    expect(screen.queryByTestId('unread-badge')).toBeNull();
    const sable = { id: 'p_sable', name: 'sable' };
    act(() => h.fake.realm({ type: 'dm.message', message: { id: '4-0', at: 4, from: sable.id, to: ME.id, text: 'psst' }, player: sable, unread: 1 }));
    expect(await screen.findByTestId('unread-badge')).toHaveTextContent('1');
    act(() => h.fake.realm({ type: 'dm.read', playerId: sable.id }));
    expect(screen.queryByTestId('unread-badge')).toBeNull();

    await user.type(screen.getByLabelText('Message to frost'), 'on my way{Enter}');
    expect(h.fake.backend.sendMessage).toHaveBeenCalledWith('p_frost', 'on my way');
  });

  it('shows the empty state, and the block list in Settings with Unblock', async () => {
    const h = await makeHarness({ signedIn: true });
    renderApp(h);
    const view = snapshot();
    if (view.type !== 'snapshot') throw new Error('snapshot');
    act(() => h.fake.realm({ ...view, friends: { ...view.friends, blocked: [{ id: 'p_grief', name: 'griefer', at: 1 }] } }));
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: /^Messages/ }));
    expect(await screen.findByText('No conversations yet')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Settings' }));
    const list = await screen.findByRole('list', { name: 'Blocked players' });
    await user.click(within(list).getByRole('button', { name: 'Unblock griefer' }));
    expect(h.fake.backend.unblock).toHaveBeenCalledWith('p_grief');
  });
});
