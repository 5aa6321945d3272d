/**
 * The only caller of matchmaking Lua scripts: loads each once and binds it per
 * client. Scripts reply with one JSON string `{r, ...}` (see includes/mm-reply.lua).
 */
import { bindLua, loadLua, type LuaScript } from '../lua.js';
import type { RedisClient } from '../redis.js';

const SCRIPT_NAMES = [
  'ticket-begin',
  'ticket-activate',
  'ticket-fence',
  'lobby-enqueue',
  'lobby-mirror',
  'claim-prematch',
  'accept-match',
  'decline-match',
  'cancel-ticket',
  'settle-expired',
  'expire-unseen',
  'touch-players',
  'waiting-read',
  'lease',
  'lease-release',
  'outbox-done',
  'outbox-due',
  'creation-claim',
  'game-ready',
  'end-game',
  'game-create',
  'game-end',
] as const;
export type ScriptName = (typeof SCRIPT_NAMES)[number];

type Caller = (keys: readonly string[], args: readonly (string | number)[]) => Promise<unknown>;

let loaded: Map<ScriptName, LuaScript> | undefined;
const bound = new WeakMap<RedisClient, Map<ScriptName, Caller>>();

function scripts(): Map<ScriptName, LuaScript> {
  loaded ??= new Map(SCRIPT_NAMES.map((name) => [name, loadLua(`matchmaking/${name}`, 1)]));
  return loaded;
}

export function script(redis: RedisClient, name: ScriptName): Caller {
  let map = bound.get(redis);
  if (!map) {
    map = new Map();
    bound.set(redis, map);
  }
  let fn = map.get(name);
  if (!fn) {
    fn = bindLua(redis, scripts().get(name) as LuaScript);
    map.set(name, fn);
  }
  return fn;
}

/** An entry whose state changed; its lobby mirror is due: [ticket, lobbyId, seq, state, reason, result]. */
export type Affected = [string, string, number, string, string, string];

export interface ScriptReply {
  r: number;
  a?: Affected[];
  [field: string]: unknown;
}

/** Run a script that replies with JSON. */
export async function runJson(redis: RedisClient, name: ScriptName, keys: readonly string[], args: readonly (string | number)[]): Promise<ScriptReply> {
  const raw = await script(redis, name)(keys, args);
  return JSON.parse(String(raw)) as ScriptReply;
}
