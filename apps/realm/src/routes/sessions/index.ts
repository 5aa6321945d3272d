/** /v1/sessions: sign in, sign out, sign out everywhere. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@fastify/type-provider-typebox';
import { DisplayNameSchema, GlaceonError, SessionResponseSchema, SignInRequestSchema, SignOutAllResponseSchema } from '@glaceon/protocol';
import {
  createSession,
  deleteAllSessions,
  deleteSession,
  findAccountByName,
  hitLimit,
  publishToPlayer,
  resetLimit,
} from '@glaceon/store';
import { dummyHash, verifyPassword } from '../../accounts/password.js';
import { authenticate, requireAuth } from '../../plugins/auth.js';
import { rateLimited } from '../../plugins/errors.js';
import { responses, routeSchema } from '../../http/schema.js';

const SIGNIN_BUCKET = 'signin';
const DISPLAY_NAME = new RegExp((DisplayNameSchema as { pattern: string }).pattern);

export default async function sessionRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const rl = app.config.rateLimits.signIn;
  const perAccount = app.config.rateLimits.signInPerAccount;

  app.post(
    '/v1/sessions',
    {
      schema: { summary: 'Sign in', tags: ['sessions'], body: routeSchema(SignInRequestSchema), response: responses({ 201: SessionResponseSchema }) },
      config: { rateLimit: { max: rl.max, timeWindow: rl.windowMs } },
    },
    async (request, reply) => {
      const { name, password } = request.body;
      // Count the attempt before checking: atomic, so a burst cannot slip
      // more than `max` guesses per window past the check, from any address.
      const subject = name.toLowerCase();
      const hit = await hitLimit(app.redis, SIGNIN_BUCKET, subject, perAccount.windowMs);
      if (hit.count > perAccount.max) {
        reply.header('retry-after', String(Math.ceil(hit.resetInMs / 1000)));
        throw rateLimited(hit.resetInMs);
      }
      // A name no account could have is looked up nowhere, but costs the same.
      const account = DISPLAY_NAME.test(name) ? await findAccountByName(app.redis, name) : null;
      const ok = await verifyPassword(password, account?.passwordHash ?? (await dummyHash()));
      if (!account || !ok) throw new GlaceonError('INVALID_CREDENTIALS');
      await resetLimit(app.redis, SIGNIN_BUCKET, subject);
      const session = await createSession(app.redis, { playerId: account.id, name: account.name }, app.config.sessionTtlMs);
      reply.status(201);
      return { player: { id: account.id, name: account.name }, token: session.token, expiresInMs: app.config.sessionTtlMs };
    },
  );

  app.delete(
    '/v1/sessions/current',
    { schema: { summary: 'Sign out', tags: ['sessions'], security: [{ bearer: [] }], response: responses({ 204: Type.Null() }) }, preHandler: authenticate },
    async (request, reply) => {
      const auth = requireAuth(request);
      await deleteSession(app.redis, auth.tokenHash, auth.playerId);
      await publishToPlayer(app.redis, auth.playerId, { kind: 'signout', tokenHashes: [auth.tokenHash] });
      reply.status(204);
      return null;
    },
  );

  app.delete(
    '/v1/sessions',
    { schema: { summary: 'Sign out everywhere', tags: ['sessions'], security: [{ bearer: [] }], response: responses({ 200: SignOutAllResponseSchema }) }, preHandler: authenticate },
    async (request) => {
      const auth = requireAuth(request);
      const sessions = await deleteAllSessions(app.redis, auth.playerId);
      await publishToPlayer(app.redis, auth.playerId, { kind: 'signout', tokenHashes: 'all' });
      return { sessions };
    },
  );
}
