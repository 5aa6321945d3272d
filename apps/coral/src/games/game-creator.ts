import type { Logger } from 'pino';
import type { QueueModeId } from '@glaceon/protocol';
import { abandonGameCreation, markGameCreating, markGameReady, type RedisClient } from '@glaceon/store';
import type { CoralConfig } from '../config/config.js';
import type { CoralMetrics } from '../metrics/metrics.js';
import type { GameServerFleet } from './fleet-port.js';

const RETRY_MS = 500;
const CREATION_LEASE_MS = 10_000;

/**
 * Creates the game of a fully accepted prematch. Safe to call any number of
 * times from any Coral: `markGameCreating` lets one owner at a time work on it
 * (a lease, so a dead owner's job is picked up by the sweeper's report), the
 * game id is derived from the prematch, and `markGameReady` writes the record
 * once. No free server: retry until `serverWaitMs` has passed (players are
 * told `game.pending`), then give up: every lobby goes idle with `server_lost`
 * (docs/decisions/coral-server-002-no-free-server.md).
 */
export function createGameCreator(deps: { redis: RedisClient; config: CoralConfig; metrics: CoralMetrics; log: Logger; fleet: GameServerFleet }) {
  const { redis, config, metrics, log, fleet } = deps;
  const inFlight = new Set<string>();
  let stopped = false;

  async function run(mode: QueueModeId, prematchId: string): Promise<void> {
    const giveUpAt = Date.now() + config.serverWaitMs;
    while (!stopped) {
      const claim = await markGameCreating(redis, { mode, prematchId, ownerId: config.coralId, leaseMs: CREATION_LEASE_MS });
      if (!claim.owner || claim.state === 'ready') return;
      const input = { gameId: claim.gameId, mode, teams: claim.playerTeams };
      const allocation = await fleet.allocate(input);
      if (allocation) {
        // The push runs beside markGameReady, not before it: it is best effort (a server that
        // misses it learns its games from its next heartbeat answer), and players still have
        // to launch Onyx before they reach the server.
        const pushed = allocation
          .push()
          .catch((error: unknown) =>
            log.warn({ err: error, prematchId, serverId: allocation.serverId }, 'allocation push failed; the server learns it by heartbeat'),
          );
        await markGameReady(redis, { mode, prematchId, serverId: allocation.serverId, address: allocation.address });
        await pushed;
        metrics.gamesCreated.inc({ mode });
        return;
      }
      if (Date.now() >= giveUpAt) break;
      await new Promise((r) => setTimeout(r, RETRY_MS));
    }
    if (stopped) return;
    log.warn({ prematchId, mode }, 'no game server in time: abandoning the game');
    await abandonGameCreation(redis, { mode, prematchId });
  }

  return {
    /** Start (or join) creating this game; returns at once. */
    create(mode: QueueModeId, prematchId: string): void {
      if (inFlight.has(prematchId) || stopped) return;
      inFlight.add(prematchId);
      run(mode, prematchId)
        .catch((error: unknown) => log.warn({ err: error, prematchId }, 'game creation failed; the sweeper will report it due again'))
        .finally(() => inFlight.delete(prematchId));
    },
    stop(): void {
      stopped = true;
    },
    get inFlight(): number {
      return inFlight.size;
    },
  };
}
export type GameCreator = ReturnType<typeof createGameCreator>;
