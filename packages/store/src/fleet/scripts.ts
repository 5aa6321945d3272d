/** The fleet domain's scripts, declared once, and its error table (conventions: docs/redis.md). */
import { bindScripts, loadLua, type ErrorTable } from '../lua.js';

export const fleetScripts = bindScripts({
  heartbeat: loadLua('fleet/heartbeat', 4),
  leave: loadLua('fleet/leave', 1),
  sweep: loadLua('fleet/sweep', 2),
  allocate: loadLua('fleet/allocate', 3),
  freeCapacity: loadLua('fleet/free-capacity', 2),
  playerEvent: loadLua('fleet/player-event', 3),
  departPlayers: loadLua('fleet/depart-players', 3),
  endGame: loadLua('fleet/end-game', 1),
  claimEndings: loadLua('fleet/claim-endings', 1),
  timeoutGames: loadLua('fleet/timeout-games', 1),
});

/** Negative statuses per script; allocate's -1 (no free slot) is control flow (the caller returns null). */
export const FLEET_ERRORS = {
  'player-event': {
    [-1]: { code: 'NOT_FOUND', message: 'No such game in the fleet.' },
    [-2]: { code: 'FORBIDDEN', message: 'The game runs on another server.' },
    [-3]: { code: 'NOT_FOUND', message: 'That player is not in this game.' },
    [-4]: { code: 'FORBIDDEN', message: 'That player left this game for good.' },
  },
  'depart-players': {
    [-1]: { code: 'NOT_FOUND', message: 'No such game in the fleet.' },
    [-2]: { code: 'FORBIDDEN', message: 'The game runs on another server.' },
    [-3]: { code: 'NOT_FOUND', message: 'That player is not in this game.' },
    [-4]: { code: 'WRONG_STATE', message: 'A player is still in the game (not reported left or a no-show).' },
  },
  'end-game': {
    [-1]: { code: 'NOT_FOUND', message: 'No such game in the fleet.' },
    [-2]: { code: 'FORBIDDEN', message: 'The game runs on another server.' },
    [-4]: { code: 'INVALID_MESSAGE', message: 'The winning team is not a team of this game.', path: '/winningTeam' },
  },
} as const satisfies ErrorTable;

/** Defaults shared by the fleet functions. */
export const FLEET_ENDED_GAME_TTL_MS = 24 * 60 * 60_000;
/** How long the caller that ended a game owns its onGameEnded delivery before a sweeper retries it. */
export const FLEET_OUTBOX_CLAIM_MS = 30_000;
