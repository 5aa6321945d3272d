/**
 * @glaceon/store/internal: key builders, pub/sub channel names and Lua
 * binding. For code inside packages/store only (ESLint refuses it elsewhere);
 * apps call the domain functions of the main entry.
 */
export { keys, channels } from './keys.js';
export { queueKeys } from './matchmaking/keys.js';
export { fleetKeys } from './fleet/keys.js';
export { friendKeys } from './friends/keys.js';
export { chatKeys } from './chat/keys.js';
export { lobbyKeys } from './lobbies/keys.js';
export { presenceKeys } from './presence/keys.js';
export { rateLimitKey } from './ratelimit/keys.js';
export { inviteKey, directInvitesKey } from './invites/keys.js';
export { accountNameKey } from './accounts/keys.js';
export {
  bindLua,
  bindScripts,
  expectOk,
  loadLua,
  type BoundScripts,
  type ErrorTable,
  type LuaScript,
  type ScriptCaller,
  type ScriptReply,
  type TableError,
} from './lua.js';
