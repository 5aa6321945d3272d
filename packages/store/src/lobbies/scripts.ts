/** The lobby domain's scripts, declared once, and its error table (conventions: docs/redis.md). */
import { bindScripts, expectOk as expectStatus, loadLua, type ErrorTable, type ScriptReply } from '../lua.js';

export const lobbyScripts = bindScripts({
  claimPlayer: loadLua('lobbies/claim-player', 1),
  releasePlayer: loadLua('lobbies/release-player', 1),
  createLobby: loadLua('lobbies/create-lobby', 3),
  addMember: loadLua('lobbies/add-member', 3),
  removeMember: loadLua('lobbies/remove-member', 2),
  fenceClaim: loadLua('lobbies/fence-claim', 2),
  setHost: loadLua('lobbies/set-host', 1),
  setMode: loadLua('lobbies/set-mode', 1),
  setInvite: loadLua('lobbies/set-invite', 1),
  requestJoin: loadLua('lobbies/request-join', 2),
  takeJoinRequest: loadLua('lobbies/take-join-request', 2),
});

/** Negative statuses per script; claim-player's -1 is control flow (the caller repairs a stale claim first). */
export const LOBBY_ERRORS = {
  'create-lobby': { [-2]: 'NOT_FOUND', [-9]: 'WRONG_STATE' },
  'add-member': { [-2]: 'NOT_FOUND', [-5]: 'LOBBY_NOT_IDLE', [-6]: 'LOBBY_FULL', [-8]: 'INVITE_REVOKED', [-9]: 'WRONG_STATE' },
  'remove-member': { [-2]: 'NOT_FOUND', [-3]: 'NOT_IN_LOBBY', [-4]: 'NOT_HOST', [-5]: 'LOBBY_NOT_IDLE' },
  'set-host': { [-2]: 'NOT_FOUND', [-3]: 'NOT_IN_LOBBY', [-4]: 'NOT_HOST', [-5]: 'LOBBY_NOT_IDLE' },
  'set-mode': { [-2]: 'NOT_FOUND', [-3]: 'NOT_IN_LOBBY', [-4]: 'NOT_HOST', [-5]: 'LOBBY_NOT_IDLE', [-7]: 'PARTY_TOO_LARGE' },
  'set-invite': { [-2]: 'NOT_FOUND', [-3]: 'NOT_IN_LOBBY', [-4]: 'NOT_HOST' },
  'request-join': {
    [-2]: { code: 'NOT_FOUND', message: 'That lobby is gone.' },
    [-5]: 'LOBBY_NOT_IDLE',
    [-7]: { code: 'ALREADY_IN_LOBBY', message: 'You are already in that lobby.' },
    [-10]: { code: 'RATE_LIMITED', message: 'That lobby has too many pending join requests; try again later.' },
  },
  'take-join-request': {
    [-2]: 'NOT_FOUND',
    [-3]: 'NOT_IN_LOBBY',
    [-4]: 'NOT_HOST',
    [-11]: { code: 'NOT_FOUND', message: 'That join request is no longer pending.' },
  },
} as const satisfies ErrorTable;

/** A negative status throws its LOBBY_ERRORS code naming the script; success passes through. */
export function expectOk(command: keyof typeof LOBBY_ERRORS, reply: ScriptReply): ScriptReply {
  return expectStatus(LOBBY_ERRORS, command, reply);
}
