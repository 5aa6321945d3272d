/**
 * GET /v1/queues: the queues this installation offers (the public part of the
 * queue configuration), for the launcher to render. Public: it names no player
 * and holds no secret, so a launcher can show it before signing in.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { QueueListSchema } from '@glaceon/protocol';
import { responses } from '../../http/schema.js';

const queueRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/v1/queues',
    {
      schema: {
        summary: 'The queues players can pick, with their team shapes, party sizes and regions',
        tags: ['queues'],
        response: responses({ 200: QueueListSchema }),
      },
      config: { rateLimit: { max: 120, timeWindow: 60_000 } },
    },
    // Read per request: a SIGHUP reload replaces app.config.queues.
    async () => app.config.queues.toPublic(),
  );
};

export default queueRoutes;
