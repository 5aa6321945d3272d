/** One way to open a session (register and sign in share it): the configured policy, and the sockets of sessions revoked by the per-account cap closed. */
import type { FastifyInstance } from 'fastify';
import { createSession, publishToPlayer } from '@glaceon/store';

export async function openSession(app: FastifyInstance, account: { id: string; name: string }): Promise<{ token: string; expiresInMs: number }> {
  const { sessionTtlMs, sessionMaxLifetimeMs, maxSessionsPerAccount } = app.config;
  const session = await createSession(
    app.redis,
    { playerId: account.id, name: account.name },
    { ttlMs: sessionTtlMs, maxLifetimeMs: sessionMaxLifetimeMs, maxPerAccount: maxSessionsPerAccount },
  );
  if (session.revoked.length > 0) await publishToPlayer(app.redis, account.id, { kind: 'signout', tokenHashes: session.revoked });
  return { token: session.token, expiresInMs: session.expiresInMs };
}
