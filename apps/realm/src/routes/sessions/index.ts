/** POST /v1/sessions: sign in. Signing out is sign-out.ts (authenticated). */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { DisplayNameSchema, GlaceonError, SessionResponseSchema, SignInRequestSchema } from '@glaceon/protocol';
import { createSession, findAccountByName, hitLimit, replacePasswordHash, resetLimit } from '@glaceon/store';
import { clientGone } from '../../http/client-gone.js';
import { rateLimited } from '../../plugins/errors.js';
import { responses, routeSchema } from '../../http/schema.js';

const SIGNIN_BUCKET = 'signin';
const DISPLAY_NAME = new RegExp((DisplayNameSchema as { pattern: string }).pattern);

const sessionRoutes: FastifyPluginAsyncTypebox = async (app) => {
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
      const gone = clientGone(reply);
      const verified = await app.passwords.verify(password, account?.passwordHash ?? (await app.passwords.dummyHash()), gone);
      if (!account || !verified.ok) throw new GlaceonError('INVALID_CREDENTIALS');
      // A hash from the former algorithm (or older parameters) is replaced now that the password is known.
      if (verified.needsRehash) await replacePasswordHash(app.redis, account.id, account.passwordHash, await app.passwords.hash(password, gone));
      await resetLimit(app.redis, SIGNIN_BUCKET, subject);
      const session = await createSession(app.redis, { playerId: account.id, name: account.name }, app.config.sessionTtlMs);
      reply.status(201);
      return { player: { id: account.id, name: account.name }, token: session.token, expiresInMs: app.config.sessionTtlMs };
    },
  );
};

export default sessionRoutes;
