/**
 * The Moonstone fleet contract (language-neutral HTTP + JSON; explained for
 * engine teams in docs/moonstone-contract.md):
 *   Moonstone -> Coral  PUT    /v1/fleet/servers/:serverId        register + heartbeat
 *   Moonstone -> Coral  DELETE /v1/fleet/servers/:serverId        leave
 *   Coral -> Moonstone  POST   <controlUrl>/v1/games              allocation push
 *   Coral -> Moonstone  POST   <controlUrl>/v1/games/batch        several allocations, one request
 *   Coral -> Moonstone  POST   <controlUrl>/v1/games/:gameId/release  players leave for good
 *   Moonstone -> Coral  POST   /v1/fleet/games/:gameId/events     reports
 *   Moonstone -> Coral  POST   /v1/fleet/reports                  several games' reports, one request
 */
export * from './shared.js';
export * from './servers.js';
export * from './allocation.js';
export * from './release.js';
export * from './reports.js';
export * from './decoders.js';
export * from './families.js';
export * from './auth.js';

/** Defaults Coral answers in the heartbeat (a server must follow the answer, not these). */
export const FLEET_DEFAULT_HEARTBEAT_MS = 1000;
export const FLEET_DEFAULT_TTL_MS = 3000;
