import type { Conversation, ConversationResponse, DirectInvite, DirectMessage, FriendsView, Lobby, LobbyChatLine, Player } from '@glaceon/protocol';

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

const ago = (s: number) => Date.now() - s * 1000;
const line = (n: number, over: Omit<LobbyChatLine, 'id' | 'at'>, secondsAgo: number): LobbyChatLine => ({ id: `${n}-0`, at: ago(secondsAgo), ...over });

/** A lobby chat with every kind of line, including text that must show literally. */
export const chatLines: LobbyChatLine[] = [
  line(1, { kind: 'system', from: members.frost, event: 'joined' }, 300),
  line(2, { kind: 'message', from: members.frost, text: 'hey! duo?' }, 280),
  line(3, { kind: 'message', from: me, text: 'sure, one sec' }, 260),
  line(4, { kind: 'message', from: members.frost, text: '<b>not bold</b> **not markdown** <script>alert(1)</script>' }, 200),
  line(5, { kind: 'system', from: me, event: 'queue.started' }, 150),
  line(6, { kind: 'system', from: members.frost, event: 'match.declined' }, 120),
  line(7, { kind: 'system', from: me, event: 'queue.cancelled' }, 100),
];

const dm = (n: number, from: Player, to: Player, text: string, secondsAgo: number): DirectMessage => ({
  id: `${n}-0`,
  at: ago(secondsAgo),
  from: from.id,
  to: to.id,
  text,
});
const mira = p('mira', 'mira');
const kestrel = p('kestrel', 'kestrel');

export const conversationMessages: Record<string, DirectMessage[]> = {
  [mira.id]: [
    dm(1, mira, me, 'gg last night', 3600),
    dm(2, me, mira, 'that comeback was unreal', 3500),
    dm(3, mira, me, 'up for ranked later?', 120),
    dm(4, mira, me, 'ping me when you are on', 60),
  ],
  [kestrel.id]: [dm(5, me, kestrel, 'nice clutch', 86_400)],
};

export const conversations: Conversation[] = [
  { player: mira, unread: 2, last: conversationMessages[mira.id]!.at(-1)! },
  { player: kestrel, unread: 0, last: conversationMessages[kestrel.id]!.at(-1)! },
];

export function conversationWith(playerId: string): ConversationResponse {
  const c = conversations.find((x) => x.player.id === playerId);
  return { player: c?.player ?? { id: playerId, name: 'frost' }, unread: c?.unread ?? 0, messages: conversationMessages[playerId] ?? [] };
}

/** Blocked players for the Settings scene. */
export const blockedPlayers = [
  { ...p('grief', 'grief3r'), at: ago(7 * 86_400) },
  { ...p('spam', 'spambot_99'), at: ago(86_400) },
];
