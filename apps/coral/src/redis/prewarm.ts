import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bindLua, loadLua, type RedisClient } from '@glaceon/store';

/**
 * Register every Lua script of @glaceon/store on this client before it serves
 * anything. Needed for ioredis auto-pipelining: a pipeline copies the client's
 * script commands when it is created, so a script registered lazily while a
 * pipeline is open would be missing from it (and ioredis then fails the whole
 * batch). Names are versioned by content, so the store's own lazy binding
 * finds them already registered and reuses them.
 */
export function prewarmStoreScripts(redis: RedisClient): number {
  // The store's entry (src/index.ts, or dist/index.js when built) sits one folder below its root.
  const entry = fileURLToPath(import.meta.resolve('@glaceon/store'));
  const luaRoot = path.resolve(path.dirname(entry), '../lua');
  let count = 0;
  for (const domain of readdirSync(luaRoot, { withFileTypes: true })) {
    if (!domain.isDirectory() || domain.name === 'includes') continue;
    for (const file of readdirSync(path.join(luaRoot, domain.name))) {
      const m = /^(.+)-(\d+)\.lua$/.exec(file);
      if (!m) continue;
      bindLua(redis, loadLua(`${domain.name}/${m[1]}`, Number(m[2])));
      count++;
    }
  }
  return count;
}
