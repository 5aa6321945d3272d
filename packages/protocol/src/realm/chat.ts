/**
 * Party chat (one per lobby), direct messages between friends, and the block
 * list. Text is plain: stored and shown as typed, never parsed as HTML or
 * markdown (the launcher renders it as text nodes). Limits: docs/social.md.
 */
import { Type, type Static } from '@sinclair/typebox';
import { PlayerSchema } from './accounts.js';
import { FriendRequestInfoSchema } from './friends.js';
import { bare, LobbyIdSchema, PlayerIdSchema } from './ids.js';

/** Longest chat line or direct message, in UTF-16 code units (what JSON Schema's maxLength counts). */
export const CHAT_MAX_LENGTH = 500;
/** Lines kept per lobby chat and messages kept per conversation (older ones are trimmed). */
export const CHAT_HISTORY_LENGTH = 100;

/** What a chat line or a direct message says: 1-500 characters, not only blanks (checked by Realm). */
export const ChatTextSchema = Type.String({ minLength: 1, maxLength: CHAT_MAX_LENGTH, description: 'Plain text; never interpreted as HTML or markdown' });

/** Redis stream entry ids (`<ms>-<seq>`): a line's id, ordered by time. */
export const ChatLineIdSchema = Type.String({ pattern: '^[0-9]{1,20}-[0-9]{1,20}$', maxLength: 41 });

/** System lines written into the lobby chat by Realm (membership) and Coral (queue, ready check). */
export const LOBBY_SYSTEM_EVENTS = ['joined', 'left', 'kicked', 'host', 'queue.started', 'queue.cancelled', 'match.declined', 'match.not_accepted'] as const;
export type LobbySystemEvent = (typeof LOBBY_SYSTEM_EVENTS)[number];
export const LobbySystemEventSchema = Type.Union(
  LOBBY_SYSTEM_EVENTS.map((e) => Type.Literal(e)),
  { $id: 'Realm.LobbySystemEvent' },
);

/**
 * One line of a lobby's chat. `message`: `from` wrote `text`. `system`:
 * `event` happened to `from` (joined, left, kicked, became host, declined...),
 * done `by` someone else when that matters (kicked by the host, queue
 * cancelled by a member).
 */
export const LobbyChatLineSchema = Type.Object(
  {
    id: ChatLineIdSchema,
    at: Type.Integer({ minimum: 0 }),
    kind: Type.Union([Type.Literal('message'), Type.Literal('system')]),
    from: bare(PlayerSchema),
    text: Type.Optional(Type.String({ maxLength: CHAT_MAX_LENGTH })),
    event: Type.Optional(bare(LobbySystemEventSchema)),
    by: Type.Optional(bare(PlayerSchema)),
  },
  { additionalProperties: false, $id: 'Realm.LobbyChatLine' },
);
export type LobbyChatLine = Static<typeof LobbyChatLineSchema>;

export const ChatSendRequestSchema = Type.Object({ text: ChatTextSchema }, { additionalProperties: false, $id: 'Realm.ChatSendRequest' });
export type ChatSendRequest = Static<typeof ChatSendRequestSchema>;

/** A lobby's chat history, oldest first (at most CHAT_HISTORY_LENGTH lines). */
export const LobbyChatResponseSchema = Type.Object(
  { lobbyId: LobbyIdSchema, lines: Type.Array(bare(LobbyChatLineSchema), { maxItems: CHAT_HISTORY_LENGTH }) },
  { additionalProperties: false, $id: 'Realm.LobbyChatResponse' },
);
export type LobbyChatResponse = Static<typeof LobbyChatResponseSchema>;

export const LobbyChatSentResponseSchema = Type.Object(
  { line: bare(LobbyChatLineSchema) },
  { additionalProperties: false, $id: 'Realm.LobbyChatSentResponse' },
);

/** One direct message between two friends. */
export const DirectMessageSchema = Type.Object(
  {
    id: ChatLineIdSchema,
    at: Type.Integer({ minimum: 0 }),
    from: PlayerIdSchema,
    to: PlayerIdSchema,
    text: Type.String({ maxLength: CHAT_MAX_LENGTH }),
  },
  { additionalProperties: false, $id: 'Realm.DirectMessage' },
);
export type DirectMessage = Static<typeof DirectMessageSchema>;

/** A conversation in the list: the other player, my unread count, the last message. */
export const ConversationSchema = Type.Object(
  {
    player: bare(PlayerSchema),
    unread: Type.Integer({ minimum: 0 }),
    last: Type.Union([bare(DirectMessageSchema), Type.Null()]),
  },
  { additionalProperties: false, $id: 'Realm.Conversation' },
);
export type Conversation = Static<typeof ConversationSchema>;

/** My conversations, most recent first (at most CHAT_HISTORY_LENGTH). */
export const ConversationsResponseSchema = Type.Object(
  { conversations: Type.Array(bare(ConversationSchema), { maxItems: CHAT_HISTORY_LENGTH }) },
  { additionalProperties: false, $id: 'Realm.ConversationsResponse' },
);
export type ConversationsResponse = Static<typeof ConversationsResponseSchema>;

/** One conversation's history, oldest first. */
export const ConversationResponseSchema = Type.Object(
  { player: bare(PlayerSchema), unread: Type.Integer({ minimum: 0 }), messages: Type.Array(bare(DirectMessageSchema), { maxItems: CHAT_HISTORY_LENGTH }) },
  { additionalProperties: false, $id: 'Realm.ConversationResponse' },
);
export type ConversationResponse = Static<typeof ConversationResponseSchema>;

export const DirectMessageSentResponseSchema = Type.Object(
  { message: bare(DirectMessageSchema) },
  { additionalProperties: false, $id: 'Realm.DirectMessageSentResponse' },
);

/** `GET /v1/blocks`: the players I blocked, in the order I blocked them. */
export const BlocksResponseSchema = Type.Object(
  { blocked: Type.Array(bare(FriendRequestInfoSchema)) },
  { additionalProperties: false, $id: 'Realm.BlocksResponse' },
);
export type BlocksResponse = Static<typeof BlocksResponseSchema>;

// Events pushed on the event socket ---------------------------------------------

/** A line was added to my lobby's chat (a message or a system line). */
export const RealmChatLineEventSchema = Type.Object(
  { type: Type.Literal('chat.line'), lobbyId: LobbyIdSchema, line: bare(LobbyChatLineSchema) },
  { additionalProperties: false, $id: 'Realm.Event.ChatLine' },
);
/** A direct message to or from me (my other launchers see what I sent). `unread`: my unread count in that conversation now. */
export const RealmDirectMessageEventSchema = Type.Object(
  { type: Type.Literal('dm.message'), message: bare(DirectMessageSchema), player: bare(PlayerSchema), unread: Type.Integer({ minimum: 0 }) },
  { additionalProperties: false, $id: 'Realm.Event.DirectMessage' },
);
/** I read a conversation on another launcher: its unread count is now zero. */
export const RealmDirectReadEventSchema = Type.Object(
  { type: Type.Literal('dm.read'), playerId: PlayerIdSchema },
  { additionalProperties: false, $id: 'Realm.Event.DirectRead' },
);
