/** Lobbies: membership (Realm), reads and change notifications (Realm and Coral). */
export { getLobby, getPlayerLobbyId, getLobbyInviteHash, lobbyListsMember, parseLobbyHash } from './read.js';
export {
  createLobby,
  joinLobby,
  leaveLobby,
  kickMember,
  transferHost,
  setLobbyMode,
  setLobbyInviteHash,
  getPlayerLobby,
  repairStaleClaim,
  type CreateLobbyInput,
  type JoinLobbyInput,
  type LeaveResult,
} from './membership.js';
export { notifyLobbyChanged } from './notify.js';
export { markLeaveAfterGame, takeLeavesAfterGame, dueLeavesAfterGame, settleLeavesAfterGame, LEAVE_AFTER_GAME_TTL_MS } from './leave-after-game.js';
export {
  requestToJoin,
  listJoinRequests,
  takeJoinRequest,
  tellJoinRequestAnswered,
  JOIN_REQUEST_TTL_MS,
  MAX_PENDING_JOIN_REQUESTS,
  type RequestJoinInput,
} from './join-requests.js';
