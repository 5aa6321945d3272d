import { bindLua, loadLua, type LuaScript } from '../lua.js';
import type { RedisClient } from '../redis.js';

type Caller = (keys: readonly string[], args: readonly (string | number)[]) => Promise<unknown>;

const SCRIPTS = {
  claimPlayer: loadLua('lobbies/claim-player', 1),
  releasePlayer: loadLua('lobbies/release-player', 1),
  createLobby: loadLua('lobbies/create-lobby', 3),
  addMember: loadLua('lobbies/add-member', 3),
  removeMember: loadLua('lobbies/remove-member', 2),
  fenceClaim: loadLua('lobbies/fence-claim', 2),
  setHost: loadLua('lobbies/set-host', 1),
  setMode: loadLua('lobbies/set-mode', 1),
  setInvite: loadLua('lobbies/set-invite', 1),
} satisfies Record<string, LuaScript>;

export type LobbyScripts = { [K in keyof typeof SCRIPTS]: Caller };
const bound = new WeakMap<RedisClient, LobbyScripts>();

/** The lobby scripts bound to one client (registered once per client). */
export function lobbyScripts(redis: RedisClient): LobbyScripts {
  let s = bound.get(redis);
  if (!s) {
    s = Object.fromEntries(Object.entries(SCRIPTS).map(([k, script]) => [k, bindLua(redis, script)])) as LobbyScripts;
    bound.set(redis, s);
  }
  return s;
}
