/** POST /v1/accounts: register (and sign in). */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { GlaceonError, RegisterRequestSchema, SessionResponseSchema } from '@glaceon/protocol';
import { createAccount } from '@glaceon/store';
import { openSession } from '../../accounts/sign-in.js';
import { clientGone } from '../../http/client-gone.js';
import { responses, routeSchema } from '../../http/schema.js';

const accountRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const rl = app.config.rateLimits.register;

  app.post(
    '/v1/accounts',
    {
      schema: {
        summary: 'Register (and sign in)',
        tags: ['accounts'],
        body: routeSchema(RegisterRequestSchema),
        response: responses({ 201: SessionResponseSchema }),
      },
      config: { rateLimit: { max: rl.max, timeWindow: rl.windowMs } },
    },
    async (request, reply) => {
      const { name, password } = request.body;
      if (password.toLowerCase().includes(name.toLowerCase())) {
        throw new GlaceonError('INVALID_MESSAGE', 'The password must not contain the display name.', '/body/password');
      }
      const account = await createAccount(app.redis, { name, passwordHash: await app.passwords.hash(password, clientGone(reply)) });
      const session = await openSession(app, account);
      reply.status(201);
      return { player: { id: account.id, name: account.name }, token: session.token, expiresInMs: session.expiresInMs };
    },
  );
};

export default accountRoutes;
