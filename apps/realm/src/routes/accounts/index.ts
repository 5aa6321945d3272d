/** /v1/accounts: register; /v1/me: who am I. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { GlaceonError, MeResponseSchema, RegisterRequestSchema, SessionResponseSchema } from '@glaceon/protocol';
import { createAccount, createSession, getAccount } from '@glaceon/store';
import { hashPassword } from '../../accounts/password.js';
import { authenticate, requireAuth } from '../../plugins/auth.js';
import { responses, routeSchema } from '../../http/schema.js';

export default async function accountRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const rl = app.config.rateLimits.register;

  app.post(
    '/v1/accounts',
    {
      schema: { summary: 'Register (and sign in)', tags: ['accounts'], body: routeSchema(RegisterRequestSchema), response: responses({ 201: SessionResponseSchema }) },
      config: { rateLimit: { max: rl.max, timeWindow: rl.windowMs } },
    },
    async (request, reply) => {
      const { name, password } = request.body;
      if (password.toLowerCase().includes(name.toLowerCase())) {
        throw new GlaceonError('INVALID_MESSAGE', 'The password must not contain the display name.', '/body/password');
      }
      const account = await createAccount(app.redis, { name, passwordHash: await hashPassword(password) });
      const session = await createSession(app.redis, { playerId: account.id, name: account.name }, app.config.sessionTtlMs);
      reply.status(201);
      return { player: { id: account.id, name: account.name }, token: session.token, expiresInMs: app.config.sessionTtlMs };
    },
  );

  app.get(
    '/v1/me',
    { schema: { summary: 'Who am I', tags: ['accounts'], security: [{ bearer: [] }], response: responses({ 200: MeResponseSchema }) }, preHandler: authenticate },
    async (request) => {
      const auth = requireAuth(request);
      const account = await getAccount(app.redis, auth.playerId);
      if (!account) throw new GlaceonError('UNAUTHENTICATED');
      return { id: account.id, name: account.name, createdAt: account.createdAt };
    },
  );
}
