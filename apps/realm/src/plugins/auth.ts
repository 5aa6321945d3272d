/**
 * Bearer-token authentication. Tokens travel only in the Authorization
 * header (or, for browser WebSockets, the subprotocol: events/socket-auth.ts),
 * never in a URL.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { GlaceonError } from '@glaceon/protocol';
import { resolveSession, type SessionInfo } from '@glaceon/store';

export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return undefined;
  const match = /^Bearer ([A-Za-z0-9_-]{1,128})$/.exec(header);
  return match?.[1];
}

export function authPlugin(app: FastifyInstance): void {
  app.decorateRequest('auth', null);
}

/** preHandler: UNAUTHENTICATED unless a live session backs the bearer token. */
export async function authenticate(this: FastifyInstance, request: FastifyRequest): Promise<void> {
  const token = bearerToken(request);
  const session = token ? await resolveSession(this.redis, token, this.config.sessionTtlMs) : null;
  if (!session) throw new GlaceonError('UNAUTHENTICATED');
  request.auth = session;
}

export function requireAuth(request: FastifyRequest): SessionInfo {
  if (!request.auth) throw new GlaceonError('UNAUTHENTICATED');
  return request.auth;
}
