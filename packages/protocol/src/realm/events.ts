import { Type, type Static } from '@sinclair/typebox';
import { LobbyIdSchema, PlayerIdSchema } from './ids.js';
import { LobbySchema } from './lobby.js';
import { FriendRequestInfoSchema, FriendsViewSchema, PresenceSchema } from './friends.js';
import { bare } from './ids.js';
import { DirectInviteSchema, JoinRequestSchema } from './lobbies.js';
import { PlayerSchema } from './accounts.js';
import { RealmErrorSchema } from './errors.js';
import { RealmChatLineEventSchema, RealmDirectMessageEventSchema, RealmDirectReadEventSchema } from './chat.js';

/**
 * Realm event socket, `GET /v1/events` (WebSocket). Authenticated at the
 * upgrade: `Authorization: Bearer <token>` (Node) or the subprotocol
 * `glaceon.bearer.<token>` offered next to `glaceon.v1` (browsers), see
 * docs/decisions/realm-001-socket-auth.md. The first client message is
 * `hello` with the protocol version; the server answers `snapshot`.
 */
export const REALM_EVENTS_PATH = '/v1/events';
export const REALM_SUBPROTOCOL = 'glaceon.v1';
export const REALM_BEARER_SUBPROTOCOL_PREFIX = 'glaceon.bearer.';

const Id = Type.Optional(Type.String({ maxLength: 64 }));

// Client -> server
export const RealmHelloSchema = Type.Object(
  { type: Type.Literal('hello'), version: Type.Integer({ minimum: 0 }), id: Id },
  { additionalProperties: false, $id: 'Realm.Event.Hello' },
);
export const RealmPingSchema = Type.Object({ type: Type.Literal('ping'), id: Id }, { additionalProperties: false, $id: 'Realm.Event.Ping' });
export const RealmResyncSchema = Type.Object({ type: Type.Literal('resync'), id: Id }, { additionalProperties: false, $id: 'Realm.Event.Resync' });
export const REALM_CLIENT_MESSAGES = [RealmHelloSchema, RealmPingSchema, RealmResyncSchema] as const;
export type RealmClientMessage = Static<typeof RealmHelloSchema> | Static<typeof RealmPingSchema> | Static<typeof RealmResyncSchema>;

// Server -> client
export const RealmSnapshotSchema = Type.Object(
  {
    type: Type.Literal('snapshot'),
    id: Id,
    version: Type.Integer({ minimum: 0 }),
    me: bare(PlayerSchema),
    friends: bare(FriendsViewSchema),
    lobby: Type.Union([bare(LobbySchema), Type.Null()]),
    coralUrl: Type.String({ maxLength: 512 }),
    invites: Type.Array(bare(DirectInviteSchema)),
    /** Members of `lobby` whose launcher is connected (a live event socket); absent when not in a lobby. */
    lobbyOnline: Type.Optional(Type.Array(PlayerIdSchema, { maxItems: 16 })),
    /** Pending requests to join `lobby`, for its host only (absent otherwise). */
    joinRequests: Type.Optional(Type.Array(bare(JoinRequestSchema), { maxItems: 64 })),
    /** Server time, ms since epoch. */
    at: Type.Integer({ minimum: 0 }),
  },
  { additionalProperties: false, $id: 'Realm.Event.Snapshot' },
);
export const RealmPongSchema = Type.Object(
  { type: Type.Literal('pong'), id: Id, at: Type.Integer({ minimum: 0 }) },
  { additionalProperties: false, $id: 'Realm.Event.Pong' },
);
export const RealmFriendRequestEventSchema = Type.Object(
  { type: Type.Literal('friend.request'), from: bare(FriendRequestInfoSchema) },
  { additionalProperties: false, $id: 'Realm.Event.FriendRequest' },
);
/** The whole friends view after any change to it (accept, decline, cancel, remove, block). */
export const RealmFriendsUpdatedSchema = Type.Object(
  { type: Type.Literal('friends.updated'), friends: bare(FriendsViewSchema) },
  { additionalProperties: false, $id: 'Realm.Event.FriendsUpdated' },
);
export const RealmPresenceEventSchema = Type.Object(
  { type: Type.Literal('presence'), playerId: PlayerIdSchema, presence: bare(PresenceSchema) },
  { additionalProperties: false, $id: 'Realm.Event.Presence' },
);
export const RealmInviteReceivedSchema = Type.Object(
  { type: Type.Literal('invite.received'), invite: bare(DirectInviteSchema) },
  { additionalProperties: false, $id: 'Realm.Event.InviteReceived' },
);
export const RealmInviteRemovedSchema = Type.Object(
  { type: Type.Literal('invite.removed'), inviteId: Type.String({ maxLength: 64 }) },
  { additionalProperties: false, $id: 'Realm.Event.InviteRemoved' },
);
/** The caller's lobby after any change (null: not in a lobby any more, e.g. kicked or closed). */
export const RealmLobbyUpdatedSchema = Type.Object(
  {
    type: Type.Literal('lobby.updated'),
    lobby: Type.Union([bare(LobbySchema), Type.Null()]),
    reason: Type.Optional(Type.Union([Type.Literal('kicked'), Type.Literal('left'), Type.Literal('closed'), Type.Literal('changed')])),
    /** Members whose launcher is connected (a live event socket on any Realm instance). */
    online: Type.Optional(Type.Array(PlayerIdSchema, { maxItems: 16 })),
  },
  { additionalProperties: false, $id: 'Realm.Event.LobbyUpdated' },
);
/** To the host: someone asks to join the lobby. */
export const RealmJoinRequestReceivedSchema = Type.Object(
  { type: Type.Literal('join.request.received'), request: bare(JoinRequestSchema) },
  { additionalProperties: false, $id: 'Realm.Event.JoinRequestReceived' },
);
/** To the host: a request was answered (here or on another launcher) and is no longer pending. */
export const RealmJoinRequestRemovedSchema = Type.Object(
  { type: Type.Literal('join.request.removed'), lobbyId: LobbyIdSchema, playerId: PlayerIdSchema },
  { additionalProperties: false, $id: 'Realm.Event.JoinRequestRemoved' },
);
/** To the requester: the host's answer (accepted: the lobby follows as `lobby.updated`). */
export const RealmJoinRequestAnsweredSchema = Type.Object(
  { type: Type.Literal('join.request.answered'), lobbyId: LobbyIdSchema, accepted: Type.Boolean() },
  { additionalProperties: false, $id: 'Realm.Event.JoinRequestAnswered' },
);
export const RealmSocketErrorSchema = Type.Object(
  {
    type: Type.Literal('error'),
    id: Id,
    code: RealmErrorSchema.properties.code,
    message: Type.String({ maxLength: 512 }),
    path: Type.Optional(Type.String({ maxLength: 256 })),
  },
  { additionalProperties: false, $id: 'Realm.Event.Error' },
);
export const REALM_SERVER_MESSAGES = [
  RealmSnapshotSchema,
  RealmPongSchema,
  RealmFriendRequestEventSchema,
  RealmFriendsUpdatedSchema,
  RealmPresenceEventSchema,
  RealmInviteReceivedSchema,
  RealmInviteRemovedSchema,
  RealmLobbyUpdatedSchema,
  RealmChatLineEventSchema,
  RealmDirectMessageEventSchema,
  RealmDirectReadEventSchema,
  RealmSocketErrorSchema,
  RealmJoinRequestReceivedSchema,
  RealmJoinRequestRemovedSchema,
  RealmJoinRequestAnsweredSchema,
] as const;
export type RealmSnapshot = Static<typeof RealmSnapshotSchema>;
export type RealmServerMessage =
  | RealmSnapshot
  | Static<typeof RealmPongSchema>
  | Static<typeof RealmFriendRequestEventSchema>
  | Static<typeof RealmFriendsUpdatedSchema>
  | Static<typeof RealmPresenceEventSchema>
  | Static<typeof RealmInviteReceivedSchema>
  | Static<typeof RealmInviteRemovedSchema>
  | Static<typeof RealmLobbyUpdatedSchema>
  | Static<typeof RealmChatLineEventSchema>
  | Static<typeof RealmDirectMessageEventSchema>
  | Static<typeof RealmDirectReadEventSchema>
  | Static<typeof RealmSocketErrorSchema>
  | Static<typeof RealmJoinRequestReceivedSchema>
  | Static<typeof RealmJoinRequestRemovedSchema>
  | Static<typeof RealmJoinRequestAnsweredSchema>;
