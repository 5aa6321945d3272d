/**
 * @glaceon/store: the only module that builds Redis key strings and calls Lua
 * scripts. Split by domain; see docs/redis.md for every key and its owner.
 */
export * from './redis.js';
export * from './lua.js';
