import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { FLEET_SERVER_HEADER, FLEET_SIGNATURE_HEADER, FLEET_TIMESTAMP_HEADER, type FleetAllocation } from '@glaceon/protocol';
import { fleetServerKey, signFleetPush } from '@glaceon/protocol/node';
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
const httpAgent = new HttpAgent({ keepAlive: true, maxSockets: 32 });
const httpsAgents = new Map<string, HttpsAgent>();
/** One keep-alive https agent per trusted-CA setting (usually one). */
function httpsAgent(caPem: string | undefined): HttpsAgent {
  const key = caPem ?? '';
  let agent = httpsAgents.get(key);
  if (!agent) {
    agent = new HttpsAgent({ keepAlive: true, maxSockets: 32, ...(caPem ? { ca: caPem } : {}) });
    httpsAgents.set(key, agent);
  }
  return agent;
}

export interface PushOptions {
  /** The fleet secret: the push is signed with the server's derived key; neither is sent. */
  fleetKey: string;
  timeoutMs?: number;
  /** Extra CA (PEM) for https control URLs. */
  caPem?: string;
}

/**
 * Tell the allocated Moonstone about its game: POST <controlUrl>/v1/games over http or https
 * (keep-alive agents). The request carries no secret: it is signed with the server's own
 * credential (HMAC over method, path, timestamp and body; docs/moonstone-contract.md), so a
 * rogue endpoint learns nothing it could replay elsewhere. Best effort and never throws: a
 * server that misses the push learns the game from its next heartbeat answer.
 */
export function pushAllocation(allocation: Allocation, options: PushOptions): Promise<PushResult> {
  const body = JSON.stringify(allocationBody(allocation));
  const failed = (error: unknown): PushResult => ({ ok: false, error: error instanceof Error ? error.message : String(error) });
  return new Promise((resolve) => {
    try {
      const url = new URL(`${allocation.controlUrl.replace(/\/+$/, '')}/v1/games`);
      const secure = url.protocol === 'https:';
      if (!secure && url.protocol !== 'http:') throw new Error(`unsupported control URL scheme ${url.protocol}`);
      const signed = signFleetPush(fleetServerKey(options.fleetKey, allocation.serverId), 'POST', url.pathname, body);
      const req = (secure ? httpsRequest : httpRequest)(
        url,
        {
          method: 'POST',
          agent: secure ? httpsAgent(options.caPem) : httpAgent,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            [FLEET_SERVER_HEADER]: allocation.serverId,
            [FLEET_TIMESTAMP_HEADER]: signed.timestamp,
            [FLEET_SIGNATURE_HEADER]: signed.signature,
          },
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
