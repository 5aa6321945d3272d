import { Agent, request } from 'node:http';
import { allocateServer, getAccountNames, type Allocation, type RedisClient } from '@glaceon/store';
import { allocationBody } from '../fleet/push.js';
import type { GameServerFleet } from './fleet-port.js';

/**
 * POST <controlUrl>/v1/games with a keep-alive agent: under load a fresh TCP
 * connection (or fetch's machinery) per game costs more CPU than the rest of
 * game creation. The body is the fleet contract's (allocationBody).
 */
const agent = new Agent({ keepAlive: true, maxSockets: 32 });

function push(allocation: Allocation, fleetKey: string, timeoutMs = 2000): Promise<void> {
  const body = JSON.stringify(allocationBody(allocation));
  const url = `${allocation.controlUrl.replace(/\/+$/, '')}/v1/games`;
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: `Bearer ${fleetKey}` }, timeout: timeoutMs },
      (res) => {
        res.resume();
        res.on('end', () => (res.statusCode && res.statusCode < 300 ? resolve() : reject(new Error(`allocation push: HTTP ${res.statusCode}`))));
      },
    );
    req.on('timeout', () => req.destroy(new Error('allocation push timed out')));
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * The real fleet: allocate from the registry in Redis (store/fleet, idempotent
 * per game id), then push the allocation to the Moonstone.
 */
export function redisFleet(redis: RedisClient, fleetKey: string): GameServerFleet {
  return {
    async allocate({ gameId, mode, teams }) {
      const names = await getAccountNames(redis, teams.flat());
      const roster = teams.flatMap((team, t) => team.map((playerId) => ({ playerId, name: (names.get(playerId) ?? playerId).slice(0, 64), team: t })));
      const allocation = await allocateServer(redis, { gameId, mode, roster, teams: teams.length });
      if (!allocation || allocation.state === 'ended') return null;
      return {
        serverId: allocation.serverId,
        address: allocation.address,
        push: () => push(allocation, fleetKey),
      };
    },
  };
}
