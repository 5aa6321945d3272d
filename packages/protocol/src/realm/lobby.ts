import { Type, type Static } from '@sinclair/typebox';
import { QueueIdSchema } from '../queue/config.js';
import { LobbyIdSchema, PlayerIdSchema, PlayerFields } from './ids.js';
import { bare } from './ids.js';

/** A queue id; Realm refuses ids the queue configuration does not define (UNKNOWN_QUEUE). */
export const QueueModeIdField = QueueIdSchema;

export const LobbyMemberSchema = Type.Object(PlayerFields, { additionalProperties: false, $id: 'Realm.LobbyMember' });
export type LobbyMember = Static<typeof LobbyMemberSchema>;

export const LOBBY_STATES = ['idle', 'queued', 'prematch', 'ingame'] as const;
export type LobbyState = (typeof LOBBY_STATES)[number];
export const LobbyStateSchema = Type.Union(
  LOBBY_STATES.map((s) => Type.Literal(s)),
  { $id: 'Realm.LobbyState' },
);

/**
 * Why a lobby last went idle: the reasons Coral's scripts write to the lobby's
 * `idleReason`. The wire field stays a plain string so a new reason never
 * breaks old clients; readers narrow with `isIdleReason`.
 */
export const IdleReason = {
  CANCELLED: 'cancelled',
  DECLINED: 'declined',
  TIMEOUT: 'timeout',
  GAME_OVER: 'game_over',
  MEMBER_LEFT: 'member_left',
  HOST_AWAY: 'host_away',
  SERVER_LOST: 'server_lost',
  /** The lobby's players left their running game early (game.leave), after the server released them. */
  LEFT_GAME: 'left_game',
  /** The queue was removed from the configuration (reload) while the lobby waited in it. */
  QUEUE_CLOSED: 'queue_closed',
} as const;
export type IdleReason = (typeof IdleReason)[keyof typeof IdleReason];
export const IDLE_REASONS: readonly IdleReason[] = Object.values(IdleReason);

export function isIdleReason(value: unknown): value is IdleReason {
  return typeof value === 'string' && (IDLE_REASONS as readonly string[]).includes(value);
}

/**
 * The lobby as the launcher sees it: the parsed `lobby:{<id>}` hash
 * (docs/redis.md). `state`, `ticket`, `queueMode`, `stateSince`, `idleReason`
 * and `lastResult` are Coral's; the rest is Realm's.
 */
export const LobbySchema = Type.Object(
  {
    id: LobbyIdSchema,
    host: PlayerIdSchema,
    mode: QueueModeIdField,
    members: Type.Array(bare(LobbyMemberSchema), { maxItems: 16 }),
    state: bare(LobbyStateSchema),
    /** Queue entry id (`t_…`) while not idle, else ''. */
    ticket: Type.String({ maxLength: 64 }),
    /** The queue slot the ticket is queued in (`<queue>` or `<queue>@<region>`, docs/queues.md), else ''. */
    queueMode: Type.String({ maxLength: 65 }),
    stateSince: Type.Integer({ minimum: 0 }),
    idleReason: Type.String({ maxLength: 32 }),
    /** Who caused `idleReason`, when someone did (the member who cancelled the queue, the members who declined or did not accept); absent otherwise. */
    idleBy: Type.Optional(Type.Array(PlayerIdSchema, { maxItems: 16 })),
    /** The last game's result as Coral wrote it (a JSON object), or null. */
    lastResult: Type.Union([Type.Null(), Type.Record(Type.String({ maxLength: 64 }), Type.Unknown())]),
    createdAt: Type.Integer({ minimum: 0 }),
    /** Incremented on every change by Realm and Coral; clients keep the highest. */
    version: Type.Integer({ minimum: 0 }),
  },
  { additionalProperties: false, $id: 'Realm.Lobby' },
);
export type Lobby = Static<typeof LobbySchema>;
