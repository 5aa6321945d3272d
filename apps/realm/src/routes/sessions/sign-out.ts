/**
 * DELETE /v1/sessions/current: sign out; DELETE /v1/sessions: sign out everywhere. Each closes
 * the affected event sockets and leaves the player's lobby (lobbies/leave-on-sign-out.ts) - sign-out of
 * one device only when no other session of the account is live.
 */
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { SignOutAllResponseSchema } from '@glaceon/protocol';
import { deleteAllSessions, deleteSession, hasOtherLiveSession, publishToPlayer } from '@glaceon/store';
import { leaveLobbyOnSignOut } from '../../lobbies/leave-on-sign-out.js';
import { responses } from '../../http/schema.js';

const signOutRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['sessions'];

  app.delete('/v1/sessions/current', { schema: { summary: 'Sign out', tags, response: responses({ 204: Type.Null() }) } }, async (request, reply) => {
    const { playerId, tokenHash } = request.session;
    await deleteSession(app.redis, tokenHash, playerId);
    await publishToPlayer(app.redis, playerId, { kind: 'signout', tokenHashes: [tokenHash] });
    if (!(await hasOtherLiveSession(app.redis, playerId, tokenHash))) await leaveLobbyOnSignOut(app.redis, playerId, request.log);
    reply.status(204);
    return null;
  });

  app.delete('/v1/sessions', { schema: { summary: 'Sign out everywhere', tags, response: responses({ 200: SignOutAllResponseSchema }) } }, async (request) => {
    const { playerId } = request.session;
    const sessions = await deleteAllSessions(app.redis, playerId);
    await publishToPlayer(app.redis, playerId, { kind: 'signout', tokenHashes: 'all' });
    await leaveLobbyOnSignOut(app.redis, playerId, request.log);
    return { sessions };
  });
};

export default signOutRoutes;
