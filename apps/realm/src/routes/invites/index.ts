/** /v1/invites: direct invites received from friends; accept (joins the lobby) or decline. The store tells the launchers. */
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { GlaceonError, InviteIdParamsSchema, InvitesListResponseSchema, LobbyJoinedResponseSchema } from '@glaceon/protocol';
import { getPlayerLobby, joinLobby, listDirectInvites, takeDirectInvite } from '@glaceon/store';
import { responses, routeSchema } from '../../http/schema.js';

const inviteRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['invites'];
  const params = routeSchema(InviteIdParamsSchema);

  app.get('/v1/invites', { schema: { summary: 'Pending direct invites', tags, response: responses({ 200: InvitesListResponseSchema }) } }, async (request) => ({
    invites: await listDirectInvites(app.redis, request.session.playerId),
  }));

  app.post(
    '/v1/invites/:inviteId/accept',
    { schema: { summary: 'Accept: join the lobby', tags, params, response: responses({ 200: LobbyJoinedResponseSchema }) } },
    async (request) => {
      const me = request.session;
      if (await getPlayerLobby(app.redis, me.playerId)) throw new GlaceonError('ALREADY_IN_LOBBY');
      const invite = await takeDirectInvite(app.redis, me.playerId, request.params.inviteId);
      const lobby = await joinLobby(app.redis, { lobbyId: invite.lobbyId, playerId: me.playerId, name: me.name, queues: app.config.queues }).catch(
        (error: unknown) => {
          // The lobby closed since: to the invitee, the invite was revoked.
          throw error instanceof GlaceonError && error.code === 'NOT_FOUND' ? new GlaceonError('INVITE_REVOKED') : error;
        },
      );
      return { lobby, coralUrl: app.config.coralPublicUrl };
    },
  );

  app.post(
    '/v1/invites/:inviteId/decline',
    { schema: { summary: 'Decline', tags, params, response: responses({ 204: Type.Null() }) } },
    async (request, reply) => {
      await takeDirectInvite(app.redis, request.session.playerId, request.params.inviteId);
      return reply.status(204).send(null);
    },
  );
};

export default inviteRoutes;
