import http from 'node:http';
import {
  errorBody,
  FLEET_SIGNATURE_HEADER,
  FLEET_TIMESTAMP_HEADER,
  fleetDecoders,
  GlaceonError,
  MAX_ALLOCATION_BATCH_BYTES,
  type ErrorCode,
  type FleetAllocation,
  type FleetAllocationAck,
  type FleetAllocationBatchAck,
  type FleetRelease,
  type FleetReleaseAck,
} from '@glaceon/protocol';
import { FleetPushVerifier } from '@glaceon/protocol/node';

export interface ControlHandlers {
  serverId: string;
  /** This server's credential: Coral signs pushes with it (the key itself never travels). */
  serverKey: string;
  /** Start the game if new; false when it was already known (or already over here). */
  allocate(allocation: FleetAllocation): boolean;
  /**
   * Release players from a game for good (they left early). ack: now out of it; connected: one
   * of them is connected right now (refused, nothing changed); unknown: not on that game's
   * roster; no_game: the game is not running here.
   */
  release(request: FleetRelease): 'ack' | 'connected' | 'unknown' | 'no_game';
  health(): object;
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
function fail(res: http.ServerResponse, code: ErrorCode, message?: string, path?: string): void {
  send(res, new GlaceonError(code).status, errorBody(code, message, path));
}

function readBody(req: http.IncomingMessage, max = 64 * 1024): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= max) chunks.push(c);
    });
    req.once('end', () => resolve(size > max ? undefined : Buffer.concat(chunks).toString('utf8')));
    req.once('error', reject);
  });
}

/**
 * The control API Coral calls (contract: docs/moonstone-contract.md):
 *   POST /v1/games                  a game was allocated here (signed by Coral with this server's key; replays refused)
 *   POST /v1/games/batch            several games allocated here, one request (signed the same way; coral-perf-011)
 *   POST /v1/games/:gameId/release  players leave that game for good (signed the same way)
 *   GET  /healthz                   liveness and load, no secrets
 */
const BATCH_PATH = '/v1/games/batch';
const RELEASE_PATH = /^\/v1\/games\/([A-Za-z0-9_-]{1,80})\/release$/;

export function createControlServer(h: ControlHandlers): http.Server {
  const verifier = new FleetPushVerifier(h.serverKey);
  // Slow-header clients are cut (checked every second, not Node's default 30 s).
  const server = http.createServer({ headersTimeout: 10_000, requestTimeout: 30_000, connectionsCheckingInterval: 1000 }, (req, res) => {
    void (async () => {
      const path = (req.url ?? '/').split('?')[0];
      if (req.method === 'GET' && path === '/healthz') return send(res, 200, h.health());
      const release = path === undefined ? null : RELEASE_PATH.exec(path);
      const batch = path === BATCH_PATH;
      if (path !== '/v1/games' && !batch && !release) return fail(res, 'NOT_FOUND', 'No such route.');
      if (req.method !== 'POST') return fail(res, 'NOT_FOUND', `Use POST ${path ?? ''}.`);
      const text = await readBody(req, batch ? MAX_ALLOCATION_BATCH_BYTES : undefined);
      if (text === undefined) return fail(res, 'PAYLOAD_TOO_LARGE');
      const stamp = req.headers[FLEET_TIMESTAMP_HEADER];
      const signature = req.headers[FLEET_SIGNATURE_HEADER];
      const checked = verifier.check(
        'POST',
        path ?? '',
        text,
        typeof stamp === 'string' ? stamp : undefined,
        typeof signature === 'string' ? signature : undefined,
      );
      if (!checked.ok) return fail(res, 'UNAUTHENTICATED', `The push is not signed for this server (${checked.reason}).`);
      if (release) {
        const decoded = fleetDecoders.release.decodeText(text);
        if (!decoded.ok) return fail(res, decoded.error.code, decoded.error.message, decoded.error.path);
        if (decoded.value.serverId !== h.serverId) return fail(res, 'FORBIDDEN', 'This release is for another server.', '/serverId');
        if (decoded.value.gameId !== release[1]) return fail(res, 'INVALID_MESSAGE', 'The body names another game than the path.', '/gameId');
        const outcome = h.release(decoded.value);
        if (outcome === 'connected') return fail(res, 'WRONG_STATE', 'A player to release is connected to the game right now.', '/playerIds');
        if (outcome === 'unknown') return fail(res, 'NOT_FOUND', 'A player to release is not in this game.', '/playerIds');
        if (outcome === 'no_game') return fail(res, 'NOT_FOUND', 'That game is not running on this server.', '/gameId');
        const ack: FleetReleaseAck = { gameId: decoded.value.gameId, released: decoded.value.playerIds };
        return send(res, 200, ack);
      }
      if (batch) {
        const decoded = fleetDecoders.allocationBatch.decodeText(text, MAX_ALLOCATION_BATCH_BYTES);
        if (!decoded.ok) return fail(res, decoded.error.code, decoded.error.message, decoded.error.path);
        if (decoded.value.serverId !== h.serverId) return fail(res, 'FORBIDDEN', 'This batch is for another server.', '/serverId');
        // Checked before any game starts: a batch is refused whole, never half taken.
        const foreign = decoded.value.allocations.findIndex((a) => a.serverId !== h.serverId);
        if (foreign >= 0) return fail(res, 'FORBIDDEN', 'An allocation of this batch is for another server.', `/allocations/${foreign}/serverId`);
        const answer: FleetAllocationBatchAck = { results: decoded.value.allocations.map((a) => ({ gameId: a.gameId, created: h.allocate(a) })) };
        return send(res, 200, answer);
      }
      const decoded = fleetDecoders.allocation.decodeText(text);
      if (!decoded.ok) return fail(res, decoded.error.code, decoded.error.message, decoded.error.path);
      if (decoded.value.serverId !== h.serverId) return fail(res, 'FORBIDDEN', 'This allocation is for another server.', '/serverId');
      const created = h.allocate(decoded.value);
      const ack: FleetAllocationAck = { gameId: decoded.value.gameId, created };
      send(res, 200, ack);
    })().catch(() => {
      if (!res.headersSent) fail(res, 'INTERNAL');
      else res.destroy();
    });
  });
  return server;
}
