import { Type, type Static } from '@sinclair/typebox';

/**
 * The queue configuration file (GLACEON_QUEUES, YAML or JSON): queues are data,
 * nothing in any package names a mode. Reference: docs/queues.md; design:
 * docs/decisions/queues-001-configuration-regions-and-slots.md.
 *
 * The schema states every bound; cross-field rules (unique ids, party sizes
 * within the team size, region ids that exist) are checked by `parseQueuesConfig`.
 */

/** A queue id: what the protocol carries (lobby mode, queue events, Redis hash tags). */
export const QueueIdSchema = Type.String({ pattern: '^[a-z0-9][a-z0-9-]{1,31}$', minLength: 2, maxLength: 32, description: 'Queue id' });
export type QueueId = Static<typeof QueueIdSchema>;
/** The name the store and the apps have always used for a queue id; a validated string, not a compiled list. */
export type QueueModeId = QueueId;

const QUEUE_ID_RE = /^[a-z0-9][a-z0-9-]{1,31}$/;
export function isQueueId(value: unknown): value is QueueId {
  return typeof value === 'string' && QUEUE_ID_RE.test(value);
}

export const RegionIdSchema = Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,31}$', maxLength: 32 });

export const QueueRegionSchema = Type.Object(
  {
    id: RegionIdSchema,
    name: Type.String({ minLength: 1, maxLength: 64 }),
    /** The region's WebSocket echo endpoint the launcher measures round trips against. */
    pingUrl: Type.Optional(Type.String({ pattern: '^wss?://', maxLength: 256 })),
  },
  { additionalProperties: false, $id: 'Queue.Config.Region' },
);
export type QueueRegion = Static<typeof QueueRegionSchema>;

export const QueueRatingRulesSchema = Type.Object(
  {
    /** Half-width of the rating window when a party starts waiting. */
    initialWindow: Type.Optional(Type.Number({ minimum: 0, maximum: 100_000 })),
    /** Added to the half-width per second of waiting. */
    widenPerSecond: Type.Optional(Type.Number({ minimum: 0, maximum: 100_000 })),
    /** The half-width never grows past this. */
    maxWindow: Type.Optional(Type.Number({ minimum: 0, maximum: 1_000_000 })),
  },
  { additionalProperties: false },
);

export const QueueLatencyRulesSchema = Type.Object(
  {
    /** Highest acceptable round trip (ms) to a match's region when a party starts waiting. */
    maxMs: Type.Optional(Type.Integer({ minimum: 1, maximum: 2000 })),
    /** Added to the acceptable latency per second of waiting. */
    widenPerSecond: Type.Optional(Type.Number({ minimum: 0, maximum: 1000 })),
    /** The acceptable latency never grows past this. */
    capMs: Type.Optional(Type.Integer({ minimum: 1, maximum: 2000 })),
  },
  { additionalProperties: false },
);

export const QueueConfigSchema = Type.Object(
  {
    id: QueueIdSchema,
    name: Type.String({ minLength: 1, maxLength: 64 }),
    description: Type.Optional(Type.String({ maxLength: 280 })),
    teams: Type.Integer({ minimum: 2, maximum: 8 }),
    teamSize: Type.Integer({ minimum: 1, maximum: 16 }),
    /** Party sizes that may queue; default every size from 1 to teamSize. */
    partySizes: Type.Optional(Type.Array(Type.Integer({ minimum: 1, maximum: 16 }), { minItems: 1, maxItems: 16, uniqueItems: true })),
    /** Ready-check window (ms). */
    readyCheckMs: Type.Optional(Type.Integer({ minimum: 1000, maximum: 120_000 })),
    rating: Type.Optional(QueueRatingRulesSchema),
    latency: Type.Optional(QueueLatencyRulesSchema),
    /** Past this a game is ended `timeout` by the fleet sweeper. */
    maxGameMs: Type.Optional(Type.Integer({ minimum: 1000, maximum: 7 * 24 * 3_600_000 })),
    ranked: Type.Optional(Type.Boolean()),
    /** Region ids this queue runs in; default every region of the file. */
    regions: Type.Optional(Type.Array(RegionIdSchema, { minItems: 1, maxItems: 32, uniqueItems: true })),
  },
  { additionalProperties: false, $id: 'Queue.Config.Queue' },
);
export type QueueConfigInput = Static<typeof QueueConfigSchema>;

export const QueuesFileSchema = Type.Object(
  {
    regions: Type.Optional(Type.Array(QueueRegionSchema, { maxItems: 32 })),
    queues: Type.Array(QueueConfigSchema, { minItems: 1, maxItems: 64 }),
  },
  { additionalProperties: false, $id: 'Queue.Config.File' },
);
export type QueuesFile = Static<typeof QueuesFileSchema>;

/** What Realm's GET /v1/queues lists: the part of the file a launcher needs. */
export const PublicQueueSchema = Type.Object(
  {
    id: QueueIdSchema,
    name: Type.String({ minLength: 1, maxLength: 64 }),
    description: Type.String({ maxLength: 280 }),
    teams: Type.Integer({ minimum: 2, maximum: 8 }),
    teamSize: Type.Integer({ minimum: 1, maximum: 16 }),
    partySizes: Type.Array(Type.Integer({ minimum: 1, maximum: 16 }), { minItems: 1, maxItems: 16 }),
    readyCheckMs: Type.Integer({ minimum: 1000, maximum: 120_000 }),
    ranked: Type.Boolean(),
    regions: Type.Array(RegionIdSchema, { maxItems: 32 }),
  },
  { additionalProperties: false, $id: 'Queue.Config.PublicQueue' },
);
export type PublicQueue = Static<typeof PublicQueueSchema>;

export const QueueListSchema = Type.Object(
  {
    queues: Type.Array(PublicQueueSchema, { maxItems: 64 }),
    regions: Type.Array(QueueRegionSchema, { maxItems: 32 }),
  },
  { additionalProperties: false, $id: 'Queue.Config.List' },
);
export type QueueList = Static<typeof QueueListSchema>;
