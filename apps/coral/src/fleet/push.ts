import { Agent, request } from 'node:http';
import type { FleetAllocation } from '@glaceon/protocol';
import type { Allocation } from '@glaceon/store';

export interface PushResult {
  ok: boolean;
  status?: number;
  error?: string;
}

/** The push body: exactly the contract's Fleet.Allocation fields. */
export function allocationBody(a: Allocation): FleetAllocation {
  return {
    gameId: a.gameId,
    serverId: a.serverId,
    mode: a.mode,
    teams: a.teams,
    roster: a.roster.map(({ playerId, name, team }) => ({ playerId, name, team })),
    allocatedAt: a.allocatedAt,
    joinDeadline: a.joinDeadline,
  };
}

/**
 * A keep-alive agent: under load a fresh TCP connection (or fetch's machinery) per game
 * costs more CPU than the rest of game creation.
 */
const agent = new Agent({ keepAlive: true, maxSockets: 32 });

/**
 * Tell the allocated Moonstone about its game: POST <controlUrl>/v1/games (plain HTTP: the
 * fleet API is internal). Best effort and never throws: a server that misses the push learns
 * the game from its next heartbeat answer, within heartbeatMs.
 */
export function pushAllocation(allocation: Allocation, options: { fleetKey: string; timeoutMs?: number }): Promise<PushResult> {
  const body = JSON.stringify(allocationBody(allocation));
  const url = `${allocation.controlUrl.replace(/\/+$/, '')}/v1/games`;
  const failed = (error: unknown): PushResult => ({ ok: false, error: error instanceof Error ? error.message : String(error) });
  return new Promise((resolve) => {
    try {
      const req = request(
        url,
        {
          method: 'POST',
          agent,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: `Bearer ${options.fleetKey}` },
          timeout: options.timeoutMs ?? 2000,
        },
        (res) => {
          const status = res.statusCode ?? 0;
          res.resume();
          res.on('error', (error) => resolve(failed(error)));
          res.on('end', () => resolve(status >= 200 && status < 300 ? { ok: true, status } : { ok: false, status, error: `HTTP ${status}` }));
        },
      );
      req.on('timeout', () => req.destroy(new Error('timed out')));
      req.on('error', (error) => resolve(failed(error)));
      req.end(body);
    } catch (error) {
      // request() throws at once on a URL it cannot send to (e.g. another protocol).
      resolve(failed(error));
    }
  });
}
