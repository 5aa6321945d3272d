import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Registry } from 'prom-client';

export interface HttpDeps {
  coralId: string;
  /** Served only on the internal listener (absent on the public one). */
  metricsRegistry?: Registry;
  /** Redis reachable and the process not shutting down. */
  healthy: () => Promise<boolean>;
  /** Extra facts for /healthz (e.g. sockets held and the cap), read synchronously. */
  healthInfo?: () => Record<string, number | boolean>;
  /** Fleet API (/v1/fleet/*): true when it handled the request. */
  fleet?: { handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> };
}

function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' });
  res.end(text);
}

/**
 * Plain HTTP. The public listener (beside the player socket) answers only /healthz; the
 * internal listener adds /metrics and the fleet API. Everything else is a typed 404.
 */
export function createHttpHandler(deps: HttpDeps) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = (req.url ?? '/').split('?')[0];
    try {
      if (path === '/healthz' && req.method === 'GET') {
        const ok = await deps.healthy();
        json(res, ok ? 200 : 503, { ok, coralId: deps.coralId, ...deps.healthInfo?.() });
        return;
      }
      if (path === '/metrics' && req.method === 'GET' && deps.metricsRegistry) {
        const body = await deps.metricsRegistry.metrics();
        res.writeHead(200, { 'content-type': deps.metricsRegistry.contentType });
        res.end(body);
        return;
      }
      if (path?.startsWith('/v1/fleet/') && deps.fleet && (await deps.fleet.handle(req, res))) return;
      json(res, 404, { code: 'NOT_FOUND', message: 'Not found.' });
    } catch {
      if (!res.headersSent) json(res, 500, { code: 'INTERNAL', message: 'Something went wrong on our side.' });
      else res.destroy();
    }
  };
}
