/** Operations: liveness, readiness (Redis answers), the OpenAPI document. Metrics: src/internal.ts. */
import { type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { HealthResponseSchema } from '@glaceon/protocol';
import { responses } from '../../http/schema.js';

const opsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['operations'];

  app.get('/healthz', { schema: { summary: 'Liveness', tags, response: responses({ 200: HealthResponseSchema }) } }, async () => ({ status: 'ok' as const }));

  app.get(
    '/readyz',
    { schema: { summary: 'Readiness: Redis answers', tags, response: responses({ 200: HealthResponseSchema, 503: HealthResponseSchema }) } },
    async (_request, reply) => {
      try {
        await app.redis.ping();
        return { status: 'ok' as const, checks: { redis: 'ok' } };
      } catch {
        return reply.status(503).send({ status: 'unavailable' as const, checks: { redis: 'unreachable' } });
      }
    },
  );

  // `/metrics` is not here: it is served only by the internal listener (src/internal.ts).

  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
};

export default opsRoutes;
