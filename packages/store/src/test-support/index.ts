/**
 * @glaceon/store/testing: fixtures for tests (never product code; ESLint
 * refuses it there, and the package build leaves src/test-support out), and
 * the key builders for tests that inspect Redis directly.
 */
export { makeLobby, type LobbyFixture } from './lobbies.js';
export { TEST_QUEUES } from './queues.js';
export { useRealRedis } from './real-redis.js';
export { commandsDuring } from './commands.js';
export {
  keys,
  channels,
  queueKeys,
  fleetKeys,
  friendKeys,
  chatKeys,
  lobbyKeys,
  presenceKeys,
  rateLimitKey,
  inviteKey,
  directInvitesKey,
  accountNameKey,
} from '../internal.js';
export { REGION_TEST_QUEUES } from './region-queues.js';
