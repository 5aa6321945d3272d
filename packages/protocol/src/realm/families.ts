import type { TSchema } from '@sinclair/typebox';
import { defineFamily, type MessageFamily } from '../common/families.js';
import { PROTOCOL_VERSION } from '../core/version.js';
import * as A from './accounts.js';
import * as F from './friends.js';
import * as L from './lobbies.js';
import * as E from './events.js';
import * as C from './chat.js';
import { LobbySchema, LobbyMemberSchema, LobbyStateSchema, type Lobby } from './lobby.js';
import { RealmErrorSchema } from './errors.js';
import { HealthResponseSchema } from './health.js';
import { RealmBusMessageSchema } from './bus.js';

const P1 = 'p_AAAAAAAAAAAAAAAAAAAAAA';
const P2 = 'p_BBBBBBBBBBBBBBBBBBBBBB';
const L1 = 'l_CCCCCCCCCCCCCCCCCCCCCC';
const TOKEN = 'q2vTqk3g4s2p9mY0b1X_aZ-QyR7uWcDe';
const SESSION = 'a'.repeat(43);
const player = { id: P1, name: 'Ada' };
const lobby: Lobby = {
  id: L1,
  host: P1,
  mode: '2v2',
  members: [player, { id: P2, name: 'Bo_2' }],
  state: 'idle',
  ticket: '',
  queueMode: '',
  stateSince: 1_700_000_000_000,
  idleReason: '',
  lastResult: null,
  createdAt: 1_700_000_000_000,
  version: 3,
};
const friendsView = {
  friends: [{ id: P2, name: 'Bo_2', presence: 'in_lobby' as const, since: 1 }],
  incoming: [{ id: 'p_CCCCCCCCCCCCCCCCCCCCCC', name: 'Cy.3', at: 2 }],
  outgoing: [],
  blocked: [],
};
const invite = { token: TOKEN, link: `glaceon://join/${TOKEN}`, expiresAt: 1_700_000_600_000, maxUses: 10 };
const chatLine = { id: '1700000000000-0', at: 1_700_000_000_000, kind: 'message' as const, from: player, text: 'ready?' };
const systemLine = {
  id: '1700000000001-0',
  at: 1_700_000_000_001,
  kind: 'system' as const,
  from: { id: P2, name: 'Bo_2' },
  event: 'kicked' as const,
  by: player,
};
const dm = { id: '1700000000002-0', at: 1_700_000_000_002, from: P1, to: P2, text: 'hi' };
const joinRequest = { lobbyId: L1, from: { id: P2, name: 'Bo_2' }, at: 1, expiresAt: 2 };
const directInvite = { id: 'inv_DDDDDDDDDDDDDDDDDDDDDD', lobbyId: L1, from: player, mode: '2v2' as const, at: 1, expiresAt: 2 };

/** Realm's HTTP bodies (requests and responses). */
export const realmHttpFamily = defineFamily({
  name: 'realm.http',
  tagged: false,
  schemas: [
    A.RegisterRequestSchema,
    A.SignInRequestSchema,
    A.PlayerSchema,
    A.SessionResponseSchema,
    A.MeResponseSchema,
    A.SignOutAllResponseSchema,
    F.PresenceSchema,
    F.FriendSchema,
    F.FriendRequestInfoSchema,
    F.FriendsViewSchema,
    F.FriendRequestBodySchema,
    F.FriendRequestResultSchema,
    F.PlayerIdParamsSchema,
    L.CreateLobbyRequestSchema,
    L.InviteTokenInfoSchema,
    L.LobbyJoinedResponseSchema,
    L.LobbyResponseSchema,
    L.KickResponseSchema,
    L.CurrentLobbyResponseSchema,
    L.LobbyIdParamsSchema,
    L.LobbyMemberParamsSchema,
    L.TransferHostRequestSchema,
    L.SetModeRequestSchema,
    L.JoinByTokenRequestSchema,
    L.DirectInviteRequestSchema,
    L.InvitePreviewSchema,
    L.DirectInviteSchema,
    L.DirectInviteResponseSchema,
    L.InvitesListResponseSchema,
    L.InviteIdParamsSchema,
    L.JoinRequestSchema,
    L.JoinRequestResponseSchema,
    L.JoinRequestsListResponseSchema,
    LobbySchema,
    LobbyMemberSchema,
    LobbyStateSchema,
    RealmErrorSchema,
    HealthResponseSchema,
    C.LobbySystemEventSchema,
    C.LobbyChatLineSchema,
    C.ChatSendRequestSchema,
    C.LobbyChatResponseSchema,
    C.LobbyChatSentResponseSchema,
    C.DirectMessageSchema,
    C.ConversationSchema,
    C.ConversationsResponseSchema,
    C.ConversationResponseSchema,
    C.DirectMessageSentResponseSchema,
    C.BlocksResponseSchema,
  ] as TSchema[],
  samples: [
    { name: 'Ada', password: 'correct horse battery' },
    { name: 'ada', password: 'x' },
    player,
    { player, token: SESSION, expiresInMs: 1000 },
    { id: P1, name: 'Ada', createdAt: 1 },
    { sessions: 2 },
    'online',
    friendsView.friends[0],
    friendsView.incoming[0],
    friendsView,
    { name: 'Bo_2' },
    { status: 'requested', player: { id: P2, name: 'Bo_2' } },
    { playerId: P2 },
    { mode: '5v5' },
    invite,
    { lobby, coralUrl: 'ws://127.0.0.1:7350/v1/play', invite },
    { lobby },
    { lobby, invite },
    { lobby: null, coralUrl: 'ws://127.0.0.1:7350/v1/play' },
    { lobbyId: L1 },
    { lobbyId: L1, playerId: P2 },
    { playerId: P2 },
    { mode: '1v1' },
    { token: TOKEN },
    { playerId: P2 },
    { lobbyId: L1, hostName: 'Ada', mode: '2v2', members: 1, maxMembers: 2 },
    directInvite,
    { invite: directInvite },
    { invites: [directInvite] },
    { inviteId: directInvite.id },
    joinRequest,
    { request: joinRequest },
    { requests: [joinRequest] },
    lobby,
    player,
    'queued',
    { code: 'LOBBY_FULL', message: 'The lobby is full.' },
    { status: 'ok', checks: { redis: 'ok' } },
    'kicked',
    chatLine,
    { text: 'gl hf <b>not bold</b>' },
    { lobbyId: L1, lines: [chatLine, systemLine] },
    { line: chatLine },
    dm,
    { player: { id: P2, name: 'Bo_2' }, unread: 2, last: dm },
    { conversations: [{ player: { id: P2, name: 'Bo_2' }, unread: 0, last: null }] },
    { player: { id: P2, name: 'Bo_2' }, unread: 1, messages: [dm] },
    { message: dm },
    { blocked: friendsView.incoming },
  ],
}) satisfies MessageFamily;

export const realmClientEventsFamily = defineFamily({
  name: 'realm.events.client',
  tagged: true,
  schemas: [...E.REALM_CLIENT_MESSAGES],
  samples: [{ type: 'hello', version: PROTOCOL_VERSION }, { type: 'ping', id: 'r1' }, { type: 'resync' }],
});

export const realmServerEventsFamily = defineFamily({
  name: 'realm.events.server',
  tagged: true,
  schemas: [...E.REALM_SERVER_MESSAGES],
  samples: [
    {
      type: 'snapshot',
      version: PROTOCOL_VERSION,
      me: player,
      friends: friendsView,
      lobby,
      coralUrl: 'ws://127.0.0.1:7350/v1/play',
      invites: [directInvite],
      at: 5,
    },
    { type: 'pong', id: 'r1', at: 5 },
    { type: 'friend.request', from: friendsView.incoming[0] },
    { type: 'friends.updated', friends: friendsView },
    { type: 'presence', playerId: P2, presence: 'in_game' },
    { type: 'invite.received', invite: directInvite },
    { type: 'invite.removed', inviteId: directInvite.id },
    { type: 'lobby.updated', lobby: null, reason: 'kicked' },
    { type: 'chat.line', lobbyId: L1, line: chatLine },
    { type: 'dm.message', message: dm, player: { id: P2, name: 'Bo_2' }, unread: 1 },
    { type: 'dm.read', playerId: P2 },
    { type: 'error', code: 'UNKNOWN_TYPE', message: 'Unknown message type.', id: 'r2' },
    { type: 'join.request.received', request: joinRequest },
    { type: 'join.request.removed', lobbyId: L1, playerId: P2 },
    { type: 'join.request.answered', lobbyId: L1, accepted: true },
  ],
});

/** Realm's per-player pub/sub payloads (Redis). */
export const realmBusFamily = defineFamily({
  name: 'realm.bus',
  tagged: false,
  schemas: [RealmBusMessageSchema, RealmBusMessageSchema, RealmBusMessageSchema, RealmBusMessageSchema, RealmBusMessageSchema],
  samples: [
    { kind: 'event', event: { type: 'presence', playerId: P2, presence: 'online' } },
    { kind: 'lobby', lobbyId: L1, reason: 'kicked' },
    // A change that wrote a chat line (the queue's lock writes `queue.started`): the line rides along.
    { kind: 'lobby', lobbyId: L1, reason: 'changed', line: systemLine },
    { kind: 'friends' },
    { kind: 'signout', tokenHashes: 'all' },
  ],
});

export const realmFamilies: MessageFamily[] = [realmHttpFamily, realmClientEventsFamily, realmServerEventsFamily, realmBusFamily];
