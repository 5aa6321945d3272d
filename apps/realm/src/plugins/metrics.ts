/** `app.metrics`: Prometheus metrics, one registry per app instance (tests run two Realms in one process). */
import fp from 'fastify-plugin';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface RealmMetrics {
  registry: Registry;
  httpRequests: Counter<'method' | 'route' | 'status'>;
  httpDuration: Histogram<'method' | 'route'>;
  sockets: Gauge;
  pushes: Counter<'type'>;
  dropped: Counter<'reason'>;
}

declare module 'fastify' {
  interface FastifyInstance {
    metrics: RealmMetrics;
  }
}

export default fp(
  async (app) => {
    const registry = new Registry();
    collectDefaultMetrics({ register: registry, prefix: 'realm_' });
    const metrics: RealmMetrics = {
      registry,
      httpRequests: new Counter({
        name: 'realm_http_requests_total',
        help: 'HTTP requests by route and status',
        labelNames: ['method', 'route', 'status'],
        registers: [registry],
      }),
      httpDuration: new Histogram({
        name: 'realm_http_request_seconds',
        help: 'HTTP request duration',
        labelNames: ['method', 'route'],
        registers: [registry],
        buckets: [0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      }),
      sockets: new Gauge({ name: 'realm_event_sockets', help: 'Open event sockets on this instance', registers: [registry] }),
      dropped: new Counter({
        name: 'realm_event_sockets_dropped_total',
        help: 'Event sockets cut by Realm, by reason (flood, slow_consumer, too_many_sockets, silent)',
        labelNames: ['reason'],
        registers: [registry],
      }),
      pushes: new Counter({ name: 'realm_event_pushes_total', help: 'Events pushed to sockets, by type', labelNames: ['type'], registers: [registry] }),
    };
    app.decorate('metrics', metrics);
    app.addHook('onResponse', async (request, reply) => {
      const route = request.routeOptions.url ?? 'unmatched';
      metrics.httpRequests.inc({ method: request.method, route, status: String(reply.statusCode) });
      metrics.httpDuration.observe({ method: request.method, route }, reply.elapsedTime / 1000);
    });
  },
  { name: 'realm-metrics' },
);
