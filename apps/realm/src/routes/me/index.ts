/** GET /v1/me: who am I (authenticated). */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { GlaceonError, MeResponseSchema } from '@glaceon/protocol';
import { getAccount } from '@glaceon/store';
import { responses } from '../../http/schema.js';

const meRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/v1/me', { schema: { summary: 'Who am I', tags: ['accounts'], response: responses({ 200: MeResponseSchema }) } }, async (request) => {
    const account = await getAccount(app.redis, request.session.playerId);
    if (!account) throw new GlaceonError('UNAUTHENTICATED');
    return { id: account.id, name: account.name, createdAt: account.createdAt };
  });
};

export default meRoutes;
