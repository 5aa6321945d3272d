import http from 'node:http';
import {
  errorBody,
  FLEET_SIGNATURE_HEADER,
  FLEET_TIMESTAMP_HEADER,
  fleetDecoders,
  GlaceonError,
  type ErrorCode,
  type FleetAllocation,
  type FleetAllocationAck,
} from '@glaceon/protocol';
import { FleetPushVerifier } from '@glaceon/protocol/node';

export interface ControlHandlers {
  serverId: string;
  /** This server's credential: Coral signs pushes with it (the key itself never travels). */
  serverKey: string;
  /** Start the game if new; false when it was already known (or already over here). */
  allocate(allocation: FleetAllocation): boolean;
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
 *   POST /v1/games   a game was allocated here (signed by Coral with this server's key; replays refused)
 *   GET  /healthz    liveness and load, no secrets
 */
export function createControlServer(h: ControlHandlers): http.Server {
  const verifier = new FleetPushVerifier(h.serverKey);
  // Slow-header clients are cut (checked every second, not Node's default 30 s).
  const server = http.createServer({ headersTimeout: 10_000, requestTimeout: 30_000, connectionsCheckingInterval: 1000 }, (req, res) => {
    void (async () => {
      const path = (req.url ?? '/').split('?')[0];
      if (req.method === 'GET' && path === '/healthz') return send(res, 200, h.health());
      if (path !== '/v1/games') return fail(res, 'NOT_FOUND', 'No such route.');
      if (req.method !== 'POST') return fail(res, 'NOT_FOUND', 'Use POST /v1/games.');
      const text = await readBody(req);
      if (text === undefined) return fail(res, 'PAYLOAD_TOO_LARGE');
      const stamp = req.headers[FLEET_TIMESTAMP_HEADER];
      const signature = req.headers[FLEET_SIGNATURE_HEADER];
      const checked = verifier.check('POST', path, text, typeof stamp === 'string' ? stamp : undefined, typeof signature === 'string' ? signature : undefined);
      if (!checked.ok) return fail(res, 'UNAUTHENTICATED', `The push is not signed for this server (${checked.reason}).`);
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
