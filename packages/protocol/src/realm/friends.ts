import { Type, type Static } from '@sinclair/typebox';
import { DisplayNameSchema, PlayerFields, PlayerIdSchema } from './ids.js';
import { PlayerSchema } from './accounts.js';
import { bare } from './ids.js';

export const PRESENCES = ['offline', 'online', 'in_lobby', 'in_queue', 'in_game'] as const;
export type Presence = (typeof PRESENCES)[number];
export const PresenceSchema = Type.Union(
  PRESENCES.map((p) => Type.Literal(p)),
  { $id: 'Realm.Presence' },
);

export const FriendSchema = Type.Object(
  { ...PlayerFields, presence: bare(PresenceSchema), since: Type.Integer({ minimum: 0 }) },
  { additionalProperties: false, $id: 'Realm.Friend' },
);
export type Friend = Static<typeof FriendSchema>;

export const FriendRequestInfoSchema = Type.Object(
  { ...PlayerFields, at: Type.Integer({ minimum: 0 }) },
  { additionalProperties: false, $id: 'Realm.FriendRequestInfo' },
);
export type FriendRequestInfo = Static<typeof FriendRequestInfoSchema>;

export const FriendsViewSchema = Type.Object(
  {
    friends: Type.Array(bare(FriendSchema)),
    incoming: Type.Array(bare(FriendRequestInfoSchema)),
    outgoing: Type.Array(bare(FriendRequestInfoSchema)),
    blocked: Type.Array(bare(FriendRequestInfoSchema)),
  },
  { additionalProperties: false, $id: 'Realm.FriendsView' },
);
export type FriendsView = Static<typeof FriendsViewSchema>;

export const FriendRequestBodySchema = Type.Object({ name: DisplayNameSchema }, { additionalProperties: false, $id: 'Realm.FriendRequestBody' });
export type FriendRequestBody = Static<typeof FriendRequestBodySchema>;

/** `requested`: a request is pending; `friends`: they had already asked you, so you are now friends. */
export const FriendRequestResultSchema = Type.Object(
  { status: Type.Union([Type.Literal('requested'), Type.Literal('friends')]), player: bare(PlayerSchema) },
  { additionalProperties: false, $id: 'Realm.FriendRequestResult' },
);
export type FriendRequestResult = Static<typeof FriendRequestResultSchema>;

export const PlayerIdParamsSchema = Type.Object({ playerId: PlayerIdSchema }, { additionalProperties: false, $id: 'Realm.PlayerIdParams' });
export type PlayerIdParams = Static<typeof PlayerIdParamsSchema>;
