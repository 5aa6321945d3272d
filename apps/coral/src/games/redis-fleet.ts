import { allocateServer, getAccountNames, type RedisClient } from '@glaceon/store';
import { pushAllocation } from '../fleet/push.js';
import type { GameServerFleet } from './fleet-port.js';

/**
 * The real fleet: allocate from the registry in Redis (store/fleet, idempotent
 * per game id), then push the allocation to the Moonstone.
 */
export function redisFleet(redis: RedisClient, push: { fleetKey: string; caPem?: string }, gameMaxMs?: (mode: string) => number | undefined): GameServerFleet {
  return {
    async allocate({ gameId, mode, teams }) {
      const names = await getAccountNames(redis, teams.flat());
      const roster = teams.flatMap((team, t) => team.map((playerId) => ({ playerId, name: (names.get(playerId) ?? playerId).slice(0, 64), team: t })));
      const maxGameMs = gameMaxMs?.(mode);
      const allocation = await allocateServer(redis, { gameId, mode, roster, teams: teams.length, ...(maxGameMs ? { maxGameMs } : {}) });
      if (!allocation || allocation.state === 'ended') return null;
      return {
        serverId: allocation.serverId,
        address: allocation.address,
        // The game creator logs a failed push (best effort); the push itself never throws.
        push: async () => {
          const pushed = await pushAllocation(allocation, push);
          if (!pushed.ok) throw new Error(`allocation push: ${pushed.error ?? 'failed'}`);
        },
      };
    },
  };
}
