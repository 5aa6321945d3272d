/**
 * The Moonstone fleet in Redis (`{fleet}` hash tag): registrations with
 * heartbeat deadlines, allocations that never oversubscribe, game ends with
 * an outbox so Coral's hook runs at least once. Keys: docs/redis/fleet.md.
 */
export { FLEET_ENDED_GAME_TTL_MS, FLEET_OUTBOX_CLAIM_MS } from './scripts.js';
export * from './servers.js';
export * from './allocate.js';
export * from './games.js';
