import type { Logger } from 'pino';
import { FLEET_DEFAULT_TTL_MS, GlaceonError } from '@glaceon/protocol';
import { StallWatch } from './fleet/stall-watch.js';
import { getFleetGame, getGame, offerFreshTicket, type RedisClient } from '@glaceon/store';
import type { CoralConfig } from './config/config.js';
import { createFleetApi, startFleetSweeper, type FleetApi, type FleetGameEndedEvent, type FleetPlayerEvent, type FleetSweeper } from './fleet/index.js';

/**
 * The Moonstone fleet API mounted in Coral's HTTP server, and its sweeper.
 * A game's end (reported, or its server lost) ends the matchmaking game:
 * lobbies go idle and every member is told `game.ended` (through the queue
 * event every Coral receives, or reconcile).
 */
export function mountFleet(deps: {
  redis: RedisClient;
  /** Heartbeats and the sweep: a connection of their own (see fleet/sweeper.ts). */
  livenessRedis?: RedisClient;
  config: CoralConfig;
  log: Logger;
  onGameEnded: (gameId: string, result: Record<string, unknown>, reason: 'game_over' | 'server_lost') => Promise<void>;
}): { api: FleetApi; start(): void; stop(): void } {
  const { redis, config, log } = deps;
  const hooks = {
    // A player's connection to the game ended: offer them a fresh ticket now (tickets admit once),
    // so the launcher's "Rejoin" works without reconnecting to Coral.
    async onPlayerEvent(event: FleetPlayerEvent) {
      if (event.kind !== 'left') return;
      // The fleet record names the queue; the matchmaking record names the slot (its channel).
      const [game, record] = await Promise.all([getFleetGame(redis, event.gameId), getGame(redis, event.gameId)]);
      if (!game || game.state !== 'running') return;
      await offerFreshTicket(redis, {
        mode: record?.mode ?? game.mode,
        gameId: game.gameId,
        serverId: game.serverId,
        address: game.address,
        playerId: event.playerId,
      });
    },
    async onGameEnded(event: FleetGameEndedEvent) {
      const result: Record<string, unknown> = { reason: event.reason };
      if (event.winningTeam !== undefined) result.winningTeam = event.winningTeam;
      if (event.ratings) result.ratings = event.ratings;
      try {
        await deps.onGameEnded(event.gameId, result, event.reason === 'server_lost' ? 'server_lost' : 'game_over');
      } catch (error) {
        // A game the matchmaker never knew (created by hand, or long gone): nothing to settle.
        if (error instanceof GlaceonError && error.code === 'NOT_FOUND') return;
        throw error;
      }
    },
  };
  const retention = { perPlayer: config.historyPerPlayer, gameTtlMs: config.historyTtlMs };
  const api = createFleetApi({
    redis,
    ...(deps.livenessRedis ? { livenessRedis: deps.livenessRedis } : {}),
    coralId: config.coralId,
    fleetKey: config.fleetKey,
    controlHosts: config.fleetControlHosts,
    ticketPublicKeyPem: config.ticketPublicKeyPem,
    log,
    hooks,
    retention,
  });
  let sweeper: FleetSweeper | undefined;
  // Stalls older than a few TTLs cannot hide a heartbeat the sweep would now miss.
  const stalls = new StallWatch(3 * FLEET_DEFAULT_TTL_MS);
  return {
    api,
    start() {
      stalls.start();
      sweeper = startFleetSweeper({
        redis,
        ...(deps.livenessRedis ? { livenessRedis: deps.livenessRedis } : {}),
        graceMs: () => stalls.graceMs(),
        coralId: config.coralId,
        hooks,
        log,
        retention,
      });
    },
    stop() {
      stalls.stop();
      void sweeper?.stop();
    },
  };
}
