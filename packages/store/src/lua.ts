import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { RedisClient } from './redis.js';

/**
 * Lua scripts live in packages/store/lua/<domain>/<name>-<numberOfKeys>.lua;
 * this module sits one folder below the package root in both src/ and dist/,
 * so the same relative path finds them before and after a build.
 */
const LUA_ROOT = fileURLToPath(new URL('../lua/', import.meta.url));
const INCLUDE = /^--!include\s+(\S+)\s*$/gm;

export interface LuaScript {
  /** Path under lua/, without the key-count suffix: 'matchmaking/claim-prematch'. */
  readonly name: string;
  readonly numberOfKeys: number;
  readonly body: string;
  /** Command name registered on the client: the file name plus a hash of the body. */
  readonly command: string;
}

function expandIncludes(body: string, seen: Set<string>): string {
  return body.replace(INCLUDE, (_line, file: string) => {
    if (seen.has(file)) return '';
    seen.add(file);
    return expandIncludes(readFileSync(LUA_ROOT + file, 'utf8'), seen);
  });
}

/** Read `lua/<name>-<keys>.lua`, expand `--!include includes/x.lua` lines. */
export function loadLua(name: string, numberOfKeys: number): LuaScript {
  const raw = readFileSync(`${LUA_ROOT}${name}-${numberOfKeys}.lua`, 'utf8');
  const body = expandIncludes(raw, new Set());
  const version = createHash('sha1').update(body).digest('hex').slice(0, 10);
  const command = `${name.replace(/[^a-zA-Z0-9]/g, '_')}_${version}`;
  return { name, numberOfKeys, body, command };
}

type ScriptFn = (...args: (string | number | Buffer)[]) => Promise<unknown>;

/**
 * Register a script once per client (ioredis `defineCommand`, which runs
 * EVALSHA and falls back to EVAL) and return a typed caller. The versioned
 * command name means two releases sharing one Redis never run each other's body.
 */
export function bindLua(client: RedisClient, script: LuaScript): (keys: readonly string[], args: readonly (string | number)[]) => Promise<unknown> {
  const registry = client as unknown as Record<string, ScriptFn | undefined>;
  if (typeof registry[script.command] !== 'function') {
    client.defineCommand(script.command, { numberOfKeys: script.numberOfKeys, lua: script.body });
  }
  return (keys, args) => {
    if (keys.length !== script.numberOfKeys) {
      return Promise.reject(new Error(`${script.name} takes ${script.numberOfKeys} keys, got ${keys.length}`));
    }
    const fn = registry[script.command] as ScriptFn;
    return fn.call(client, ...keys, ...args);
  };
}
