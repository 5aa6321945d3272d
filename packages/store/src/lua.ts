import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { GlaceonError, type ErrorCode } from '@glaceon/protocol';
import type { RedisClient } from './redis.js';

/**
 * Lua scripts live in packages/store/lua/<domain>/<name>-<numberOfKeys>.lua;
 * this module sits one folder below the package root in both src/ and dist/,
 * so the same relative path finds them before and after a build.
 * Conventions (binding, replies, errors): docs/redis.md.
 */
const LUA_ROOT = fileURLToPath(new URL('../lua/', import.meta.url));
const INCLUDE = /^--!include\s+(\S+)\s*$/gm;

export interface LuaScript {
  /** Path under lua/, without the key-count suffix: 'matchmaking/claim-prematch'. */
  readonly name: string;
  readonly numberOfKeys: number;
  readonly body: string;
  /** SHA-1 of the body: what EVALSHA runs (two releases sharing one Redis never run each other's body). */
  readonly sha: string;
}

function expandIncludes(body: string, seen: Set<string>): string {
  return body.replace(INCLUDE, (_line, file: string) => {
    if (seen.has(file)) return '';
    seen.add(file);
    return expandIncludes(readFileSync(LUA_ROOT + file, 'utf8'), seen);
  });
}

/** Read `lua/<name>-<keys>.lua`, expand `--!include <domain>/includes/x.lua` lines. */
export function loadLua(name: string, numberOfKeys: number): LuaScript {
  const raw = readFileSync(`${LUA_ROOT}${name}-${numberOfKeys}.lua`, 'utf8');
  const body = expandIncludes(raw, new Set());
  const sha = createHash('sha1').update(body).digest('hex');
  return { name, numberOfKeys, body, sha };
}

/** Per client, the scripts it has sent whole once (EVAL): from then on it sends their SHA. */
const sentWhole = new WeakMap<RedisClient, Set<string>>();

/**
 * A raw caller of a script on this client. The first call on a client sends the body (EVAL,
 * which also caches it on that server); later calls send its SHA-1 (EVALSHA). A server that
 * lacks the body (a restart, a failover, another Cluster node) answers NOSCRIPT, which means
 * the script did not run, so the call is repeated once as EVAL.
 *
 * Not ioredis `defineCommand`: every pipeline ioredis creates (one per batch when Coral
 * auto-pipelined, before coral-perf-009) copies each defined command onto itself, and with
 * some seventy scripts that copying was a fifth of everything Coral allocated
 * (coral-perf-007). EVALSHA is a plain command.
 * Domains do not call this: they declare their scripts once with `bindScripts`.
 */
export function bindLua(client: RedisClient, script: LuaScript): (keys: readonly string[], args: readonly (string | number)[]) => Promise<unknown> {
  let sent = sentWhole.get(client);
  if (!sent) sentWhole.set(client, (sent = new Set()));
  const whole = sent;
  const runWhole = (keys: readonly string[], args: readonly (string | number)[]) => {
    whole.add(script.sha);
    return client.eval(script.body, script.numberOfKeys, ...keys, ...args);
  };
  return (keys, args) => {
    if (keys.length !== script.numberOfKeys) {
      return Promise.reject(new Error(`${script.name} takes ${script.numberOfKeys} keys, got ${keys.length}`));
    }
    if (!whole.has(script.sha)) return runWhole(keys, args);
    return client.evalsha(script.sha, script.numberOfKeys, ...keys, ...args).catch((error: unknown) => {
      if (error instanceof Error && error.message.startsWith('NOSCRIPT')) return runWhole(keys, args);
      throw error;
    });
  };
}

/**
 * Every script replies with an array whose first element is an integer
 * status: negative means the step did not happen (nothing was written) and
 * names why; zero or more is success, its meaning given in the script's
 * contract header. Values follow the status; structured values travel as one
 * JSON string (matchmaking).
 */
export type ScriptReply = [status: number, ...values: unknown[]];
export type ScriptCaller = (keys: readonly string[], args: readonly (string | number)[]) => Promise<ScriptReply>;
export type BoundScripts<S extends Record<string, LuaScript>> = { readonly [K in keyof S]: ScriptCaller };

function asReply(script: LuaScript, raw: unknown): ScriptReply {
  // A reply that breaks the convention is a bug in the script, never a user error.
  if (!Array.isArray(raw) || typeof raw[0] !== 'number') throw new Error(`${script.name}: reply ${JSON.stringify(raw)} is not [status, ...values]`);
  return raw as ScriptReply;
}

/**
 * The one way a domain binds its scripts: declare them once in the domain's
 * `scripts.ts` (`bindScripts({ claimPlayer: loadLua('lobbies/claim-player', 1), ... })`)
 * and call the returned function with a client for typed callers, registered
 * once per client and memoised.
 */
export function bindScripts<S extends Record<string, LuaScript>>(scripts: S): (redis: RedisClient) => BoundScripts<S> {
  const bound = new WeakMap<RedisClient, BoundScripts<S>>();
  const bind = (redis: RedisClient): BoundScripts<S> => {
    let callers = bound.get(redis);
    if (!callers) {
      callers = Object.fromEntries(
        Object.entries(scripts).map(([key, script]) => {
          const call = bindLua(redis, script);
          return [key, async (keys: readonly string[], args: readonly (string | number)[]) => asReply(script, await call(keys, args))];
        }),
      ) as BoundScripts<S>;
      bound.set(redis, callers);
    }
    return callers;
  };
  return bind;
}

/** A script's negative status, as the ErrorCode its domain's table maps it to, naming the command. */
export class StoreError extends GlaceonError {
  readonly command: string;
  readonly replyStatus: number;
  constructor(error: TableError, command: string, replyStatus: number) {
    if (typeof error === 'string') super(error);
    else super(error.code, error.message, error.path);
    this.command = command;
    this.replyStatus = replyStatus;
  }
}

/** An ErrorCode (its default message), or one with the message and input path callers must see. */
export type TableError = ErrorCode | { readonly code: ErrorCode; readonly message: string; readonly path?: string };

/** One table per domain: command (script name) -> negative status -> error. */
export type ErrorTable = Readonly<Record<string, Readonly<Record<number, TableError>>>>;

/**
 * Success passes the reply through; a negative status throws StoreError with
 * the code the domain's table gives it (INTERNAL when the table has none: a
 * script and its table disagree). Callers that treat a negative status as
 * control flow (a lost epoch, a claim to repair) check it before calling this.
 */
export function expectOk(errors: ErrorTable, command: string, reply: ScriptReply): ScriptReply {
  const status = reply[0];
  if (status >= 0) return reply;
  throw new StoreError(errors[command]?.[status] ?? 'INTERNAL', command, status);
}
