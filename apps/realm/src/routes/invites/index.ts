/** /v1/invites: direct invites received from friends; accept (joins the lobby) or decline. */
import type { FastifyInstance } from 'fastify';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { GlaceonError, InviteIdParamsSchema, InvitesListResponseSchema, LobbyJoinedResponseSchema } from '@glaceon/protocol';
import { getPlayerLobby, joinLobby, listDirectInvites, notifyLobbyChanged, publishToPlayer, takeDirectInvite } from '@glaceon/store';
import { authenticate, requireAuth } from '../../plugins/auth.js';
import { responses, routeSchema } from '../../http/schema.js';

export default async function inviteRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  app.addHook('preHandler', authenticate);
  const tags = ['invites'];
  const security = [{ bearer: [] }];
  const params = routeSchema(InviteIdParamsSchema);

  app.get('/v1/invites', { schema: { summary: 'Pending direct invites', tags, security, response: responses({ 200: InvitesListResponseSchema }) } }, async (request) => ({
    invites: await listDirectInvites(app.redis, requireAuth(request).playerId),
  }));

  app.post(
    '/v1/invites/:inviteId/accept',
    { schema: { summary: 'Accept: join the lobby', tags, security, params, response: responses({ 200: LobbyJoinedResponseSchema }) } },
    async (request) => {
      const me = requireAuth(request);
      if (await getPlayerLobby(app.redis, me.playerId)) throw new GlaceonError('ALREADY_IN_LOBBY');
      const invite = await takeDirectInvite(app.redis, me.playerId, request.params.inviteId);
      await publishToPlayer(app.redis, me.playerId, { kind: 'event', event: { type: 'invite.removed', inviteId: invite.id } });
      const lobby = await joinLobby(app.redis, { lobbyId: invite.lobbyId, playerId: me.playerId, name: me.name }).catch((error: unknown) => {
        // The lobby closed since: to the invitee, the invite was revoked.
        throw error instanceof GlaceonError && error.code === 'NOT_FOUND' ? new GlaceonError('INVITE_REVOKED') : error;
      });
      await notifyLobbyChanged(app.redis, lobby.id);
      return { lobby, coralUrl: app.config.coralPublicUrl };
    },
  );

  app.post(
    '/v1/invites/:inviteId/decline',
    { schema: { summary: 'Decline', tags, security, params, response: responses({ 204: Type.Null() }) } },
    async (request, reply) => {
      const me = requireAuth(request);
      const invite = await takeDirectInvite(app.redis, me.playerId, request.params.inviteId);
      await publishToPlayer(app.redis, me.playerId, { kind: 'event', event: { type: 'invite.removed', inviteId: invite.id } });
      return reply.status(204).send(null);
    },
  );
}
