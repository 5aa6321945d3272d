import { bindLua, loadLua } from '../lua.js';
import type { RedisClient } from '../redis.js';

/** Read once per process; bound (defineCommand) once per client. */
const sources = {
  heartbeat: loadLua('fleet/heartbeat', 4),
  leave: loadLua('fleet/leave', 1),
  sweep: loadLua('fleet/sweep', 1),
  allocate: loadLua('fleet/allocate', 3),
  playerEvent: loadLua('fleet/player-event', 2),
  endGame: loadLua('fleet/end-game', 1),
  claimEndings: loadLua('fleet/claim-endings', 1),
} as const;

export type FleetScripts = { [K in keyof typeof sources]: ReturnType<typeof bindLua> };

const bound = new WeakMap<RedisClient, FleetScripts>();

export function fleetScripts(redis: RedisClient): FleetScripts {
  let scripts = bound.get(redis);
  if (!scripts) {
    scripts = Object.fromEntries(Object.entries(sources).map(([name, s]) => [name, bindLua(redis, s)])) as FleetScripts;
    bound.set(redis, scripts);
  }
  return scripts;
}

/** Defaults shared by the fleet functions. */
export const FLEET_ENDED_GAME_TTL_MS = 24 * 60 * 60_000;
/** How long the caller that ended a game owns its onGameEnded delivery before a sweeper retries it. */
export const FLEET_OUTBOX_CLAIM_MS = 30_000;
