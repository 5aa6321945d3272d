/**
 * Every domain's scripts in one place, so a client can load them all up
 * front: a Coral using ioredis auto-pipelining must, because a pipeline copies
 * the client's script commands when it is created and a script registered
 * lazily while one is open would be missing from it (ioredis then fails the
 * whole batch).
 */
import type { RedisClient } from './redis.js';
import { accountScripts } from './accounts/scripts.js';
import { chatScripts } from './chat/scripts.js';
import { fleetScripts } from './fleet/scripts.js';
import { friendScripts } from './friends/scripts.js';
import { inviteScripts } from './invites/scripts.js';
import { lobbyScripts } from './lobbies/scripts.js';
import { matchmakingScripts } from './matchmaking/scripts.js';
import { presenceScripts } from './presence/scripts.js';
import { rateLimitScripts } from './ratelimit/scripts.js';
import { ratingScripts } from './ratings/scripts.js';

const DOMAINS = [
  accountScripts,
  chatScripts,
  fleetScripts,
  friendScripts,
  inviteScripts,
  lobbyScripts,
  matchmakingScripts,
  presenceScripts,
  rateLimitScripts,
  ratingScripts,
];

/** Register every script of every domain on this client (idempotent); returns how many there are. */
export function registerAllScripts(redis: RedisClient): number {
  return DOMAINS.reduce((n, bind) => n + Object.keys(bind(redis)).length, 0);
}
