/**
 * @glaceon/store: the only module that builds Redis key strings and calls Lua
 * scripts. Split by domain; docs/redis.md lists every key, its hash tag and
 * which component owns it.
 */
export * from './redis.js';
export * from './lua.js';
export * from './keys.js';
export * from './sessions/index.js';
export * from './accounts/index.js';
export * from './friends/index.js';
export * from './presence/index.js';
export * from './lobbies/index.js';
export * from './invites/index.js';
export * from './ratelimit/index.js';
export * from './matchmaking/index.js';
export * from './fleet/index.js';
export * from './ratings/index.js';
