import { Type } from '@sinclair/typebox';
import { ERROR_CODES } from '../core/errors.js';
import { IdSchema } from '../common/ids.js';
import { HOST_PORT_PATTERN, MAX_HOST_PORT_CHARS } from '../common/host-port.js';

/**
 * Small schemas embedded in several fleet messages. Embedded schemas carry no
 * `$id` (only whole request/response bodies do) so each body's JSON Schema is
 * self-contained and no `$id` ever appears twice in one document.
 */

export const FleetServerIdSchema = IdSchema('ms_', { description: 'Moonstone server id (ms_…), chosen by the server, stable across restarts' });
export const FleetGameIdSchema = IdSchema('g_', { description: 'Game id (g_…)' });
export const FleetPlayerIdSchema = IdSchema('p_', { description: 'Player id (p_…)' });

/** Milliseconds since the Unix epoch. */
export const FleetEpochMsSchema = Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER });

/** `host:port` where Onyx connects (a name, IPv4 or bracketed IPv6), the same rules as Onyx's `--moonstone`. */
export const FleetAddressSchema = Type.String({ pattern: HOST_PORT_PATTERN, maxLength: MAX_HOST_PORT_CHARS, description: 'host:port where Onyx connects' });

/** Base URL of the server's control API (Coral POSTs allocations to `<controlUrl>/v1/games`). */
export const FleetControlUrlSchema = Type.String({
  pattern: '^https?://[^\\s/?#]+(/[^\\s?#]*)?$',
  maxLength: 2048,
  description: 'http(s) base URL of the control API, no query or fragment',
});

export const FleetRegionSchema = Type.String({ pattern: '^[a-z0-9-]{1,32}$', description: 'Region label, e.g. eu-west' });

/** Queue mode id (`1v1`, `2v2`, `5v5`…): a string so new modes need no contract change. */
/** A queue id (the queue configuration's pattern, queue/config.ts). */
export const FleetModeSchema = Type.String({ pattern: '^[a-z0-9][a-z0-9-]{1,31}$', maxLength: 32 });

/** Team index, 0-based. */
export const FleetTeamSchema = Type.Integer({ minimum: 0, maximum: 7 });

export const FleetRosterEntrySchema = Type.Object(
  {
    playerId: FleetPlayerIdSchema,
    /** Display name, for the scoreboard. */
    name: Type.String({ minLength: 1, maxLength: 64 }),
    team: FleetTeamSchema,
  },
  { additionalProperties: false, title: 'RosterEntry' },
);

/** The fields of a game allocation; the push body and heartbeat answers both carry them. */
export const fleetAllocationProperties = {
  gameId: FleetGameIdSchema,
  serverId: FleetServerIdSchema,
  mode: FleetModeSchema,
  /** Number of teams; `roster[].team` is below it. */
  teams: Type.Integer({ minimum: 2, maximum: 8 }),
  roster: Type.Array(FleetRosterEntrySchema, { minItems: 1, maxItems: 128 }),
  /** When Coral allocated the game (Coral's clock). */
  allocatedAt: FleetEpochMsSchema,
  /** Players not connected by then are no-shows (Coral's clock; a server may use a shorter local timeout). */
  joinDeadline: FleetEpochMsSchema,
};

/** Every fleet error body: the shared error table, see docs/moonstone-contract.md. */
export const FleetErrorSchema = Type.Object(
  {
    code: Type.Union(ERROR_CODES.map((c) => Type.Literal(c))),
    message: Type.String({ maxLength: 512 }),
    path: Type.Optional(Type.String({ maxLength: 256 })),
  },
  { additionalProperties: false, $id: 'Fleet.Error' },
);
