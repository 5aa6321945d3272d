import type { DirectInvite, FriendsView, Lobby, Player } from '@glaceon/protocol';

/**
 * Sample data for the preview mode (`?preview=<screen>`): every screen can be
 * shown without a backend, for design review and screenshots.
 */
export const me: Player = { id: 'p_aurora', name: 'aurora' };
const p = (id: string, name: string) => ({ id: `p_${id}`, name });
export const members = { aurora: p('aurora', 'aurora'), frost: p('frost', 'frost'), nyx: p('nyx', 'nyx'), pax: p('pax', 'pax') };

export const friendsView: FriendsView = {
  friends: [
    { ...members.frost, presence: 'in_lobby', since: 1 },
    { ...p('kestrel', 'kestrel'), presence: 'in_game', since: 1 },
    { ...p('mira', 'mira'), presence: 'online', since: 1 },
    { ...p('orion', 'orion'), presence: 'in_queue', since: 1 },
    { ...p('sable', 'sable'), presence: 'offline', since: 1 },
    { ...p('tundra', 'tundra'), presence: 'offline', since: 1 },
  ],
  incoming: [{ ...p('quill', 'quill'), at: 1 }],
  outgoing: [{ ...p('vesper', 'vesper'), at: 1 }],
  blocked: [],
};

export function lobby(over: Partial<Lobby> = {}): Lobby {
  return {
    id: 'l_preview',
    host: me.id,
    mode: '2v2',
    members: [members.aurora, members.frost],
    state: 'idle',
    ticket: '',
    queueMode: '',
    stateSince: Date.now(),
    idleReason: '',
    lastResult: null,
    createdAt: Date.now() - 60_000,
    version: 3,
    ...over,
  };
}

export const invite = {
  token: 'q7Jc2m9XhT4kLr8VwZ1nB5sDfG3pYa0E',
  link: 'glaceon://join/q7Jc2m9XhT4kLr8VwZ1nB5sDfG3pYa0E',
  expiresAt: Date.now() + 3_600_000,
  maxUses: 8,
};

export const directInvite: DirectInvite = {
  id: 'inv_preview',
  lobbyId: 'l_other',
  from: { id: 'p_mira', name: 'mira' },
  mode: '5v5',
  at: Date.now(),
  expiresAt: Date.now() + 300_000,
};
