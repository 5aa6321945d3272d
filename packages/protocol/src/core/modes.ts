import { Type, type Static } from '@sinclair/typebox';

/** Queue modes are data: Coral, Realm and the launcher read this table, nothing hard-codes a mode. */
export const QueueModeSchema = Type.Object(
  {
    id: Type.String({ pattern: '^[a-z0-9]{2,16}$', maxLength: 16 }),
    label: Type.String({ minLength: 1, maxLength: 64 }),
    teams: Type.Integer({ minimum: 2, maximum: 8 }),
    teamSize: Type.Integer({ minimum: 1, maximum: 16 }),
    maxPartySize: Type.Integer({ minimum: 1, maximum: 16 }),
    /** Ready-check window, milliseconds. */
    acceptTimeoutMs: Type.Integer({ minimum: 1000 }),
  },
  { additionalProperties: false, $id: 'Core.QueueMode' },
);
export type QueueMode = Static<typeof QueueModeSchema>;

export const QUEUE_MODES = {
  '1v1': { id: '1v1', label: 'Duel (1v1)', teams: 2, teamSize: 1, maxPartySize: 1, acceptTimeoutMs: 20_000 },
  '2v2': { id: '2v2', label: 'Doubles (2v2)', teams: 2, teamSize: 2, maxPartySize: 2, acceptTimeoutMs: 20_000 },
  '5v5': { id: '5v5', label: 'Teams (5v5)', teams: 2, teamSize: 5, maxPartySize: 5, acceptTimeoutMs: 20_000 },
} as const satisfies Record<string, QueueMode>;

export type QueueModeId = keyof typeof QUEUE_MODES;
export const QUEUE_MODE_IDS = Object.keys(QUEUE_MODES) as QueueModeId[];
export const QueueModeIdSchema = Type.Union(
  QUEUE_MODE_IDS.map((id) => Type.Literal(id)),
  { description: 'Queue mode id' },
);

export function isQueueModeId(value: unknown): value is QueueModeId {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(QUEUE_MODES, value);
}

export function playersPerMatch(mode: QueueMode): number {
  return mode.teams * mode.teamSize;
}
