/**
 * POST /v1/sessions: sign in. Signing out is sign-out.ts (authenticated).
 *
 * Throttle the guesser, not the owner (#12 item 7): attempts are paced per
 * (account, client address) - a few at once, then exponentially spaced - so a
 * guesser slows down while the owner, from another address, signs in at once.
 * Only when an account collects many failures from many addresses (a broad
 * attack) is every client paced, a new one included: it is asked to retry
 * after a few seconds (RATE_LIMITED with retry-after), never locked out.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { DisplayNameSchema, GlaceonError, SessionResponseSchema, SignInRequestSchema } from '@glaceon/protocol';
import { findAccountByName, hitLimit, paceAttempt, peekLimit, replacePasswordHash, resetPace } from '@glaceon/store';
import { openSession } from '../../accounts/sign-in.js';
import { clientGone } from '../../http/client-gone.js';
import { rateLimited } from '../../plugins/errors.js';
import { responses, routeSchema } from '../../http/schema.js';

const PACE_BUCKET = 'signin';
const FAILURES_BUCKET = 'signin-failures';
const DISPLAY_NAME = new RegExp((DisplayNameSchema as { pattern: string }).pattern);

const sessionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const rl = app.config.rateLimits.signIn;
  const broad = app.config.rateLimits.signInPerAccount;
  const pace = app.config.signInPace;

  app.post(
    '/v1/sessions',
    {
      schema: { summary: 'Sign in', tags: ['sessions'], body: routeSchema(SignInRequestSchema), response: responses({ 201: SessionResponseSchema }) },
      config: { rateLimit: { max: rl.max, timeWindow: rl.windowMs } },
    },
    async (request, reply) => {
      const { name, password } = request.body;
      const subject = name.toLowerCase();
      // request.ip honours TRUST_PROXY (a hop count or the proxies' addresses only).
      const client = request.ip;
      const failures = await peekLimit(app.redis, FAILURES_BUCKET, subject);
      const underAttack = failures.count >= broad.max;
      // Paced atomically before checking, so a burst cannot slip extra guesses past the pace.
      const decision = await paceAttempt(app.redis, PACE_BUCKET, subject, client, pace, underAttack ? pace.broadDelayMs : 0);
      if (!decision.ok) {
        reply.header('retry-after', String(Math.max(1, Math.ceil(decision.retryInMs / 1000))));
        throw rateLimited(decision.retryInMs);
      }
      // A name no account could have is looked up nowhere, but costs the same.
      const account = DISPLAY_NAME.test(name) ? await findAccountByName(app.redis, name) : null;
      const gone = clientGone(reply);
      const verified = await app.passwords.verify(password, account?.passwordHash ?? (await app.passwords.dummyHash()), gone);
      if (!account || !verified.ok) {
        await hitLimit(app.redis, FAILURES_BUCKET, subject, broad.windowMs);
        throw new GlaceonError('INVALID_CREDENTIALS');
      }
      // A hash from the former algorithm (or older parameters) is replaced now that the password is known.
      if (verified.needsRehash) await replacePasswordHash(app.redis, account.id, account.passwordHash, await app.passwords.hash(password, gone));
      await resetPace(app.redis, PACE_BUCKET, subject, client);
      const session = await openSession(app, account);
      reply.status(201);
      return { player: { id: account.id, name: account.name }, token: session.token, expiresInMs: session.expiresInMs };
    },
  );
};

export default sessionRoutes;
