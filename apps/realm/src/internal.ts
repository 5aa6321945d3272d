/**
 * The internal listener: `/metrics` (and a liveness probe) for operators and
 * Prometheus, on its own port (INTERNAL_PORT, loopback by default). The public
 * app never serves metrics: they describe traffic and internals an attacker
 * should not read, and scraping must not count against public rate limits.
 */
import Fastify, { type FastifyInstance } from 'fastify';

export function buildInternalApp(app: FastifyInstance): FastifyInstance {
  const internal = Fastify({ logger: false, bodyLimit: 1024, requestTimeout: 10_000 });
  internal.get('/metrics', async (_request, reply) => {
    reply.header('content-type', app.metrics.registry.contentType);
    return app.metrics.registry.metrics();
  });
  internal.get('/healthz', async () => ({ status: 'ok' }));
  return internal;
}
