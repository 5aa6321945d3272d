/**
 * The only caller of matchmaking Lua scripts: declares each once and binds it
 * per client. Scripts reply `{status, json}` (see lua/matchmaking/includes/mm-reply.lua);
 * the negative statuses that are errors are in MATCHMAKING_ERRORS.
 */
import { bindScripts, expectOk, loadLua, type ErrorTable, type LuaScript, type ScriptCaller, type ScriptReply } from '../lua.js';
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
  'leave-game',
  'ticket-move-out',
  'ticket-move-in',
  'lobby-repoint',
  'ticket-move-activate',
  'ticket-move-done',
  'ticket-move-back',
  'ticket-move-fence',
] as const;
export type ScriptName = (typeof SCRIPT_NAMES)[number];

/** Scripts with more keys than their entry or lobby (all in one slot): the lobby lock also writes the lobby's chat. */
const KEY_COUNTS: Partial<Record<ScriptName, number>> = { 'lobby-enqueue': 2 };

export const matchmakingScripts = bindScripts(
  Object.fromEntries(SCRIPT_NAMES.map((name) => [name, loadLua(`matchmaking/${name}`, KEY_COUNTS[name] ?? 1)])) as Record<ScriptName, LuaScript>,
);

/** Negative statuses that are errors, per script (others are control flow its caller handles first). */
export const MATCHMAKING_ERRORS = {
  'ticket-begin': { [-1]: 'INTERNAL' },
  'lobby-enqueue': { [-1]: 'NOT_FOUND', [-2]: 'NOT_IN_LOBBY', [-3]: 'NOT_HOST', [-4]: 'LOBBY_NOT_IDLE', [-5]: 'PARTY_TOO_LARGE', [-6]: 'WRONG_STATE' },
  'accept-match': { [-1]: 'NOT_FOUND', [-2]: 'FORBIDDEN', [-3]: 'WRONG_STATE' },
  'decline-match': { [-1]: 'NOT_FOUND', [-2]: 'FORBIDDEN', [-4]: 'WRONG_STATE' },
  'cancel-ticket': { [-2]: 'WRONG_STATE' },
  'settle-expired': { [-1]: 'STALE_EPOCH' },
  'expire-unseen': { [-1]: 'STALE_EPOCH' },
  'outbox-due': { [-1]: 'STALE_EPOCH' },
  'creation-claim': { [-1]: 'NOT_FOUND', [-4]: 'WRONG_STATE' },
  'game-ready': { [-1]: 'NOT_FOUND', [-4]: 'WRONG_STATE' },
  'end-game': { [-4]: 'WRONG_STATE' },
  'leave-game': { [-1]: 'NOT_FOUND', [-2]: 'WRONG_STATE', [-3]: 'WRONG_STATE' },
  'ticket-move-out': { [-1]: 'STALE_EPOCH', [-2]: 'WRONG_STATE' },
  'ticket-move-in': { [-1]: 'WRONG_STATE' },
  'lobby-repoint': { [-1]: 'WRONG_STATE', [-2]: 'WRONG_STATE' },
} as const satisfies ErrorTable;

/** One script's caller on this client. */
export function script(redis: RedisClient, name: ScriptName): ScriptCaller {
  return matchmakingScripts(redis)[name];
}

/** An entry whose state changed; its lobby mirror is due: [ticket, lobbyId, seq, state, reason, result, by (JSON player ids or '')]. */
export type Affected = [string, string, number, string, string, string, string?];

export interface JsonReply {
  r: number;
  a?: Affected[];
  [field: string]: unknown;
}

/** Run a script that replies `{status, json}`: the status as `r`, the JSON object's fields beside it. */
export async function runJson(redis: RedisClient, name: ScriptName, keys: readonly string[], args: readonly (string | number)[]): Promise<JsonReply> {
  return parseReply(await script(redis, name)(keys, args));
}

/** `{status, json}` as one object: the status as `r`, the JSON object's fields beside it. */
export function parseReply([r, json]: ScriptReply): JsonReply {
  return { ...(JSON.parse(String(json ?? '{}')) as Record<string, unknown>), r };
}

/** A negative status throws its MATCHMAKING_ERRORS code (expectOk in lua.ts); success passes through. */
export function check<R extends { r: number }>(name: ScriptName, reply: R): R {
  expectOk(MATCHMAKING_ERRORS, name, [reply.r]);
  return reply;
}
