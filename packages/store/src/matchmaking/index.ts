/**
 * Matchmaking state in Redis (owner: Coral's engine). The queue entry in the
 * `{q:<mode>}` slot is the authority for where a lobby is in matchmaking; the
 * lobby hash mirrors it and locks membership. docs/redis/matchmaking.md.
 */
export * from './types.js';
export { startQueue, startQueueForPlayer, cancelQueue, touchPlayers, drainWaiting } from './queue.js';
export { acceptMatch, declineMatch, CREATION_START_GRACE_MS } from './readycheck.js';
export {
  acquireOrRenewLease,
  releaseLease,
  claimPrematch,
  claimPrematches,
  listWaiting,
  getQueueStats,
  getSearching,
  type ClaimBatchInput,
  type WaitingReadState,
  type LeaseCandidate,
} from './leader.js';
export { sweep, DEFAULT_GRACE_MS, DEFAULT_REPAIR_AFTER_MS } from './sweep.js';
export {
  markGameCreating,
  markGameReady,
  endGame,
  abandonGameCreation,
  getGame,
  getGamePlayers,
  DEFAULT_CREATION_LEASE_MS,
  type MarkGameCreatingInput,
  type GameReadyResult,
} from './game.js';
export { getPlayerMatchView, getPlayerMatchViewAndLobby, getPlayerMatchViews } from './view.js';
export { playerViewUnchanged, type ToldPlayerPosition } from './player-view-check.js';
export { parseQueueEvent, queueEventMayConcern, queueEventWakesLeader } from './events.js';
export { subscribeQueueEvents, type QueueEventHandlers, type QueueEventSubscription } from './subscribe.js';
export { gameIdOf, prematchIdOf } from './util.js';
export { offerFreshTicket } from './rejoin.js';
export { findGameEntry, leaveGameEntry, type GameEntry } from './leave.js';
export { moveEntry, repairMove, MAX_MOVED_FIELDS, MAX_MOVED_BYTES, type MoveEntryInput, type MoveEntryResult, type MoveRef, type MoveOutcome } from './move.js';
export { isSlotId } from './slots.js';
export { recordWhy, readWhy, MAX_WHY_ENTRIES } from './why.js';
export { saveSizeWaits, loadSizeWaits, MAX_WAITS_PER_SIZE, SIZE_WAITS_TTL_MS } from './size-waits.js';
export {
  setPlayerLatencies,
  readPlayerLatencies,
  cleanLatencies,
  worstLatencies,
  chooseHomeRegion,
  latencyTo,
  LATENCY_TTL_MS,
  type RegionLatencies,
  type LatencyRules,
} from './latency.js';
