import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import {
  FLEET_SERVER_HEADER,
  FLEET_SIGNATURE_HEADER,
  FLEET_TIMESTAMP_HEADER,
  fleetDecoders,
  type ErrorCode,
  type FleetAllocation,
  type FleetRelease,
  type FleetReleaseAck,
} from '@glaceon/protocol';
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

/** What a signed push to a server's control API got back: the status and body, or why nothing came. */
interface PostResult {
  status?: number;
  text?: string;
  error?: string;
}

/** The most of a control API answer read (an ack is a few hundred bytes). */
const MAX_ANSWER_BYTES = 16 * 1024;

/**
 * POST a body to `<controlUrl><path>` signed with the server's own credential (HMAC over method,
 * path, timestamp and body; docs/moonstone-contract.md), over http or https (keep-alive agents).
 * The request carries no secret, so a rogue endpoint learns nothing it could replay elsewhere.
 * Never throws.
 */
function signedPost(controlUrl: string, path: string, serverId: string, body: string, options: PushOptions): Promise<PostResult> {
  const failed = (error: unknown): PostResult => ({ error: error instanceof Error ? error.message : String(error) });
  return new Promise((resolve) => {
    try {
      const url = new URL(`${controlUrl.replace(/\/+$/, '')}${path}`);
      const secure = url.protocol === 'https:';
      if (!secure && url.protocol !== 'http:') throw new Error(`unsupported control URL scheme ${url.protocol}`);
      const signed = signFleetPush(fleetServerKey(options.fleetKey, serverId), 'POST', url.pathname, body);
      const req = (secure ? httpsRequest : httpRequest)(
        url,
        {
          method: 'POST',
          agent: secure ? httpsAgent(options.caPem) : httpAgent,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            [FLEET_SERVER_HEADER]: serverId,
            [FLEET_TIMESTAMP_HEADER]: signed.timestamp,
            [FLEET_SIGNATURE_HEADER]: signed.signature,
          },
          timeout: options.timeoutMs ?? 2000,
        },
        (res) => {
          const status = res.statusCode ?? 0;
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (c: Buffer) => {
            size += c.length;
            if (size <= MAX_ANSWER_BYTES) chunks.push(c);
          });
          res.on('error', (error) => resolve(failed(error)));
          res.on('end', () => resolve({ status, text: Buffer.concat(chunks).toString('utf8') }));
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

/**
 * Tell the allocated Moonstone about its game: POST <controlUrl>/v1/games, signed (signedPost).
 * Best effort and never throws: a server that misses the push learns the game from its next
 * heartbeat answer.
 */
export async function pushAllocation(allocation: Allocation, options: PushOptions): Promise<PushResult> {
  const r = await signedPost(allocation.controlUrl, '/v1/games', allocation.serverId, JSON.stringify(allocationBody(allocation)), options);
  if (r.status === undefined) return { ok: false, error: r.error ?? 'failed' };
  return r.status >= 200 && r.status < 300 ? { ok: true, status: r.status } : { ok: false, status: r.status, error: `HTTP ${r.status}` };
}

/** The server's answer to a release: its ack, its typed refusal, or nothing (unreachable, timed out, garbled). */
export type ReleaseResult =
  { kind: 'ack'; ack: FleetReleaseAck } | { kind: 'refused'; code: ErrorCode; message: string } | { kind: 'no_answer'; error: string };

/**
 * Ask a game's server to release players for good: POST <controlUrl>/v1/games/:gameId/release,
 * signed like the allocation push (issue #12, item 10). Never throws.
 */
export async function pushRelease(
  target: { controlUrl: string; serverId: string; gameId: string; playerIds: readonly string[] },
  options: PushOptions,
): Promise<ReleaseResult> {
  const body: FleetRelease = { serverId: target.serverId, gameId: target.gameId, playerIds: [...target.playerIds] };
  const r = await signedPost(target.controlUrl, `/v1/games/${encodeURIComponent(target.gameId)}/release`, target.serverId, JSON.stringify(body), options);
  if (r.status === undefined || r.text === undefined) return { kind: 'no_answer', error: r.error ?? 'failed' };
  if (r.status >= 200 && r.status < 300) {
    const ack = fleetDecoders.releaseAck.decodeText(r.text);
    if (!ack.ok || ack.value.gameId !== target.gameId) return { kind: 'no_answer', error: `HTTP ${r.status} with a body that is not a release ack` };
    return { kind: 'ack', ack: ack.value };
  }
  const refusal = fleetDecoders.error.decodeText(r.text);
  if (r.status >= 500 || !refusal.ok) return { kind: 'no_answer', error: `HTTP ${r.status}` };
  return { kind: 'refused', code: refusal.value.code, message: refusal.value.message };
}
