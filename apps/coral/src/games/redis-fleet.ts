import { queueOfSlot, regionOfSlot } from '@glaceon/protocol';
import { allocateServer, getAccountNames, type RedisClient } from '@glaceon/store';
import { createAllocationPusher } from '../fleet/push.js';
import type { GameServerFleet } from './fleet-port.js';

/**
 * The real fleet: allocate from the registry in Redis (store/fleet, idempotent
 * per game id), then push the allocation to the Moonstone.
 */
export function redisFleet(
  redis: RedisClient,
  push: { fleetKey: string; caPem?: string },
  gameMaxMs?: (mode: string) => number | undefined,
  /** The roster's names; default: read each from Redis. */
  names: (playerIds: readonly string[]) => Promise<Map<string, string>> = (ids) => getAccountNames(redis, ids),
): GameServerFleet {
  // Pushes to one server that pile up while one is in flight go as one request (coral-perf-011).
  const pusher = createAllocationPusher(push);
  return {
    async allocate({ gameId, mode, teams }) {
      const named = await names(teams.flat());
      const roster = teams.flatMap((team, t) => team.map((playerId) => ({ playerId, name: (named.get(playerId) ?? playerId).slice(0, 64), team: t })));
      // `mode` is the queue slot: a slot with a region takes only a server of that region (none
      // free: null, the no-server path tells the players); without regions, any server.
      const queue = queueOfSlot(mode);
      const region = regionOfSlot(mode);
      const maxGameMs = gameMaxMs?.(queue);
      const allocation = await allocateServer(redis, {
        gameId,
        mode: queue,
        roster,
        teams: teams.length,
        ...(region ? { region, strictRegion: true } : {}),
        ...(maxGameMs ? { maxGameMs } : {}),
      });
      if (!allocation || allocation.state === 'ended') return null;
      return {
        serverId: allocation.serverId,
        address: allocation.address,
        // The game creator logs a failed push (best effort); the push itself never throws.
        push: async () => {
          const pushed = await pusher.push(allocation);
          if (!pushed.ok) throw new Error(`allocation push: ${pushed.error ?? 'failed'}`);
        },
      };
    },
  };
}
