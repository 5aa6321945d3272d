/**
 * @glaceon/store: the only gateway to Redis. Apps get domain functions,
 * their types and the client (`createRedis`,
 * `closeRedis`, `RedisClient`); key builders and Lua binding stay inside
 * (`./internal`, for this package only), test fixtures are `./testing`.
 * docs/redis.md lists every key, its hash tag and which component owns it.
 */
export * from './redis.js';
export { StoreError } from './lua.js';
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
export * from './chat/index.js';
