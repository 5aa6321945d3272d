import { Type, type Static } from '@sinclair/typebox';
import {
  FleetAddressSchema,
  FleetControlUrlSchema,
  FleetEpochMsSchema,
  FleetGameIdSchema,
  FleetRegionSchema,
  FleetServerIdSchema,
  fleetAllocationProperties,
} from './shared.js';

/**
 * `PUT /v1/fleet/servers/:serverId` (Moonstone -> Coral, the server's own
 * credential: see auth.ts): register, then repeat every `heartbeatMs` as the
 * heartbeat. The same body every time; it may change (e.g. `draining`).
 */
export const FleetRegisterRequestSchema = Type.Object(
  {
    address: FleetAddressSchema,
    controlUrl: FleetControlUrlSchema,
    region: FleetRegionSchema,
    /** Maximum number of games at once. */
    capacity: Type.Integer({ minimum: 1, maximum: 10_000 }),
    /** Build version of the server, for operators. */
    version: Type.String({ minLength: 1, maxLength: 64 }),
    /**
     * Random per process start. When it changes, Coral knows the server
     * restarted: the games the old process ran are ended ('server_lost').
     */
    instanceId: Type.String({ pattern: '^[A-Za-z0-9_-]{8,64}$' }),
    /** true: take no new games (finishing the running ones before leaving). */
    draining: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, $id: 'Fleet.RegisterRequest' },
);
export type FleetRegisterRequest = Static<typeof FleetRegisterRequestSchema>;

export const FleetRegisterResponseSchema = Type.Object(
  {
    serverId: FleetServerIdSchema,
    /** Send the next heartbeat after this many ms. */
    heartbeatMs: Type.Integer({ minimum: 100 }),
    /** Without a heartbeat for this long the server is dropped and its games end ('server_lost'). */
    ttlMs: Type.Integer({ minimum: 200 }),
    /** Ed25519 public key (SPKI PEM) that verifies join tickets. May change: always use the latest. */
    ticketPublicKeyPem: Type.String({ minLength: 1, maxLength: 4096 }),
    /** Coral's clock, ms since epoch (to compare with `joinDeadline`). */
    serverTime: FleetEpochMsSchema,
    /**
     * Every game Coral has running on this server. A game missing from this
     * list that the server knew of before sending this heartbeat is over in
     * Coral's view: end it ('server_lost'). A game listed that the server does
     * not know is an allocation whose push was lost: start it.
     */
    games: Type.Array(Type.Object(fleetAllocationProperties, { additionalProperties: false, title: 'Allocation' }), { maxItems: 10_000 }),
  },
  { additionalProperties: false, $id: 'Fleet.RegisterResponse' },
);
export type FleetRegisterResponse = Static<typeof FleetRegisterResponseSchema>;

/** `DELETE /v1/fleet/servers/:serverId`: leave now. Games still running there end ('server_lost'). */
export const FleetLeaveResponseSchema = Type.Object(
  {
    serverId: FleetServerIdSchema,
    /** false when the server was not registered (already swept, or left before). */
    left: Type.Boolean(),
    endedGames: Type.Array(FleetGameIdSchema),
  },
  { additionalProperties: false, $id: 'Fleet.LeaveResponse' },
);
export type FleetLeaveResponse = Static<typeof FleetLeaveResponseSchema>;

/** `GET /v1/fleet/servers`: fleet health, for operators and tests. */
export const FleetServerListSchema = Type.Object(
  {
    servers: Type.Array(
      Type.Object(
        {
          serverId: FleetServerIdSchema,
          address: FleetAddressSchema,
          region: FleetRegionSchema,
          capacity: Type.Integer({ minimum: 1 }),
          load: Type.Integer({ minimum: 0 }),
          draining: Type.Boolean(),
          version: Type.String({ maxLength: 64 }),
          heartbeatDeadline: FleetEpochMsSchema,
        },
        { additionalProperties: false, title: 'ServerStatus' },
      ),
    ),
  },
  { additionalProperties: false, $id: 'Fleet.ServerList' },
);
export type FleetServerList = Static<typeof FleetServerListSchema>;
