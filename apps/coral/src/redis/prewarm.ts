import { registerAllScripts, type RedisClient } from '@glaceon/store';

/**
 * Register every Lua script of @glaceon/store on this client before it serves
 * anything. Needed for ioredis auto-pipelining: a pipeline copies the client's
 * script commands when it is created, so a script registered lazily while a
 * pipeline is open would be missing from it (and ioredis then fails the whole
 * batch). The store binds each client once, so its later calls reuse these.
 */
export function prewarmStoreScripts(redis: RedisClient): number {
  return registerAllScripts(redis);
}
