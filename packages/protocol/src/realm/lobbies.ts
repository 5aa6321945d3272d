import { Type, type Static } from '@sinclair/typebox';
import { InviteIdSchema, InviteTokenSchema, LobbyIdSchema, PlayerIdSchema, DisplayNameSchema } from './ids.js';
import { PlayerSchema } from './accounts.js';
import { LobbySchema, QueueModeIdField } from './lobby.js';
import { bare } from './ids.js';

export const CreateLobbyRequestSchema = Type.Object({ mode: QueueModeIdField }, { additionalProperties: false, $id: 'Realm.CreateLobbyRequest' });
export type CreateLobbyRequest = Static<typeof CreateLobbyRequestSchema>;

/** The lobby's current invite. `token` is only ever shown to the host, and only when created or rotated. */
export const InviteTokenInfoSchema = Type.Object(
  {
    token: InviteTokenSchema,
    /** `glaceon://join/<token>` */
    link: Type.String({ maxLength: 128 }),
    expiresAt: Type.Integer({ minimum: 0 }),
    maxUses: Type.Integer({ minimum: 1 }),
  },
  { additionalProperties: false, $id: 'Realm.InviteTokenInfo' },
);
export type InviteTokenInfo = Static<typeof InviteTokenInfoSchema>;

/** Answer to create and join: the lobby and the Coral endpoint every member connects to. */
export const LobbyJoinedResponseSchema = Type.Object(
  {
    lobby: bare(LobbySchema),
    coralUrl: Type.String({ maxLength: 512 }),
    /** Present for the creator (create) only. */
    invite: Type.Optional(bare(InviteTokenInfoSchema)),
  },
  { additionalProperties: false, $id: 'Realm.LobbyJoinedResponse' },
);
export type LobbyJoinedResponse = Static<typeof LobbyJoinedResponseSchema>;

export const LobbyResponseSchema = Type.Object({ lobby: bare(LobbySchema) }, { additionalProperties: false, $id: 'Realm.LobbyResponse' });
export type LobbyResponse = Static<typeof LobbyResponseSchema>;

/** A kick answers with the lobby and its new invite token: a kick rotates the token, so the kicked player's link no longer admits. */
export const KickResponseSchema = Type.Object(
  { lobby: bare(LobbySchema), invite: bare(InviteTokenInfoSchema) },
  { additionalProperties: false, $id: 'Realm.KickResponse' },
);
export type KickResponse = Static<typeof KickResponseSchema>;

export const CurrentLobbyResponseSchema = Type.Object(
  { lobby: Type.Union([bare(LobbySchema), Type.Null()]), coralUrl: Type.String({ maxLength: 512 }) },
  { additionalProperties: false, $id: 'Realm.CurrentLobbyResponse' },
);
export type CurrentLobbyResponse = Static<typeof CurrentLobbyResponseSchema>;

export const LobbyIdParamsSchema = Type.Object({ lobbyId: LobbyIdSchema }, { additionalProperties: false, $id: 'Realm.LobbyIdParams' });
export type LobbyIdParams = Static<typeof LobbyIdParamsSchema>;

export const LobbyMemberParamsSchema = Type.Object(
  { lobbyId: LobbyIdSchema, playerId: PlayerIdSchema },
  { additionalProperties: false, $id: 'Realm.LobbyMemberParams' },
);
export type LobbyMemberParams = Static<typeof LobbyMemberParamsSchema>;

export const TransferHostRequestSchema = Type.Object({ playerId: PlayerIdSchema }, { additionalProperties: false, $id: 'Realm.TransferHostRequest' });
export type TransferHostRequest = Static<typeof TransferHostRequestSchema>;

export const SetModeRequestSchema = Type.Object({ mode: QueueModeIdField }, { additionalProperties: false, $id: 'Realm.SetModeRequest' });
export type SetModeRequest = Static<typeof SetModeRequestSchema>;

export const JoinByTokenRequestSchema = Type.Object({ token: InviteTokenSchema }, { additionalProperties: false, $id: 'Realm.JoinByTokenRequest' });
export type JoinByTokenRequest = Static<typeof JoinByTokenRequestSchema>;

export const DirectInviteRequestSchema = Type.Object({ playerId: PlayerIdSchema }, { additionalProperties: false, $id: 'Realm.DirectInviteRequest' });
export type DirectInviteRequest = Static<typeof DirectInviteRequestSchema>;

/** A friend's invitation into their lobby, pushed to the invitee's launcher. */
export const DirectInviteSchema = Type.Object(
  {
    id: InviteIdSchema,
    lobbyId: LobbyIdSchema,
    from: bare(PlayerSchema),
    mode: QueueModeIdField,
    at: Type.Integer({ minimum: 0 }),
    expiresAt: Type.Integer({ minimum: 0 }),
  },
  { additionalProperties: false, $id: 'Realm.DirectInvite' },
);
export type DirectInvite = Static<typeof DirectInviteSchema>;

export const DirectInviteResponseSchema = Type.Object({ invite: bare(DirectInviteSchema) }, { additionalProperties: false, $id: 'Realm.DirectInviteResponse' });
export type DirectInviteResponse = Static<typeof DirectInviteResponseSchema>;

export const InvitesListResponseSchema = Type.Object(
  { invites: Type.Array(bare(DirectInviteSchema)) },
  { additionalProperties: false, $id: 'Realm.InvitesListResponse' },
);
export type InvitesListResponse = Static<typeof InvitesListResponseSchema>;

export const InviteIdParamsSchema = Type.Object({ inviteId: InviteIdSchema }, { additionalProperties: false, $id: 'Realm.InviteIdParams' });
export type InviteIdParams = Static<typeof InviteIdParamsSchema>;

/** What an invite token leads to, shown before joining ("Join frost's 2v2 lobby?"). POST body: JoinByTokenRequest. */
export const InvitePreviewSchema = Type.Object(
  {
    lobbyId: LobbyIdSchema,
    hostName: DisplayNameSchema,
    mode: QueueModeIdField,
    members: Type.Integer({ minimum: 0, maximum: 16 }),
    maxMembers: Type.Integer({ minimum: 1, maximum: 16 }),
  },
  { additionalProperties: false, $id: 'Realm.InvitePreview' },
);
export type InvitePreview = Static<typeof InvitePreviewSchema>;

/** A player asks the host of a friend's lobby to let them in (#15). One pending per (requester, lobby); it expires. */
export const JoinRequestSchema = Type.Object(
  {
    lobbyId: LobbyIdSchema,
    from: bare(PlayerSchema),
    at: Type.Integer({ minimum: 0 }),
    expiresAt: Type.Integer({ minimum: 0 }),
  },
  { additionalProperties: false, $id: 'Realm.JoinRequest' },
);
export type JoinRequest = Static<typeof JoinRequestSchema>;

export const JoinRequestResponseSchema = Type.Object({ request: bare(JoinRequestSchema) }, { additionalProperties: false, $id: 'Realm.JoinRequestResponse' });
export type JoinRequestResponse = Static<typeof JoinRequestResponseSchema>;

export const JoinRequestsListResponseSchema = Type.Object(
  { requests: Type.Array(bare(JoinRequestSchema), { maxItems: 64 }) },
  { additionalProperties: false, $id: 'Realm.JoinRequestsListResponse' },
);
export type JoinRequestsListResponse = Static<typeof JoinRequestsListResponseSchema>;
