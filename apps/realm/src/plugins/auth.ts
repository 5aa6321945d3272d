/**
 * Bearer-token authentication. Tokens travel only in the Authorization
 * header (or, for browser WebSockets, the subprotocol: events/socket-auth.ts),
 * never in a URL.
 *
 * `authenticate` is the one hook of the authenticated scope (routes/index.ts);
 * handlers there read `request.session`, typed non-null because the hook has
 * refused every request without a live session before any handler runs.
 */
import fp from 'fastify-plugin';
import type { FastifyRequest } from 'fastify';
import { GlaceonError } from '@glaceon/protocol';
import { resolveSession, type SessionInfo } from '@glaceon/store';

declare module 'fastify' {
  interface FastifyRequest {
    /** The caller's live session. Only in the authenticated scope and on the event socket; anywhere else reading it throws UNAUTHENTICATED. */
    readonly session: SessionInfo;
  }
}

const sessions = new WeakMap<FastifyRequest, SessionInfo>();

export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return undefined;
  const match = /^Bearer ([A-Za-z0-9_-]{1,128})$/.exec(header);
  return match?.[1];
}

/** Resolve `token` to a live session (sliding its TTL) and attach it to the request; UNAUTHENTICATED otherwise. */
export async function authenticateWith(request: FastifyRequest, token: string | undefined): Promise<void> {
  const { redis, config } = request.server;
  const session = token ? await resolveSession(redis, token, config.sessionTtlMs) : null;
  if (!session) throw new GlaceonError('UNAUTHENTICATED');
  sessions.set(request, session);
}

/**
 * The authenticated scope's preHandler. A preHandler (after validation), as
 * it always was: a malformed request without a session keeps getting its
 * input error rather than UNAUTHENTICATED.
 */
export function authenticate(request: FastifyRequest): Promise<void> {
  return authenticateWith(request, bearerToken(request));
}

export default fp(
  async (app) => {
    app.decorateRequest('session', {
      getter(this: FastifyRequest): SessionInfo {
        const session = sessions.get(this);
        // A handler outside the authenticated scope asked: refuse rather than act for nobody.
        if (!session) throw new GlaceonError('UNAUTHENTICATED');
        return session;
      },
    });
  },
  { name: 'realm-auth', dependencies: ['realm-config', 'realm-redis'] },
);
