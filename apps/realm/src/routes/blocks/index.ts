/**
 * /v1/blocks: my block list, block and unblock a player (their friends views
 * change with it). A block ends the friendship both ways and any request;
 * afterwards the blocked player's friend requests, invites and messages are
 * refused with the error a stranger would get, never one naming the block.
 */
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { BlocksResponseSchema, GlaceonError, PlayerIdParamsSchema } from '@glaceon/protocol';
import { blockPlayer, getAccount, listDirectInvites, publishToPlayers, takeDirectInvite, unblockPlayer } from '@glaceon/store';
import { responses, routeSchema } from '../../http/schema.js';
import { friendsView } from '../../events/views.js';

const NoContent = Type.Null();

const blockRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const params = routeSchema(PlayerIdParamsSchema);
  const tags = ['friends'];

  async function dropInvitesBetween(holderId: string, fromId: string): Promise<void> {
    for (const invite of await listDirectInvites(app.redis, holderId)) {
      if (invite.from.id === fromId) await takeDirectInvite(app.redis, holderId, invite.id).catch(() => undefined);
    }
  }

  app.get('/v1/blocks', { schema: { summary: 'The players I blocked', tags, response: responses({ 200: BlocksResponseSchema }) } }, async (request) => ({
    blocked: (await friendsView(app.redis, request.session.playerId)).blocked,
  }));

  app.put('/v1/blocks/:playerId', { schema: { summary: 'Block a player', tags, params, response: responses({ 204: NoContent }) } }, async (request, reply) => {
    const me = request.session;
    if (!(await getAccount(app.redis, request.params.playerId))) throw new GlaceonError('NOT_FOUND', 'No such player.');
    await blockPlayer(app.redis, me.playerId, request.params.playerId);
    // Pending lobby invitations between the two go too (each side's launcher is told: invite.removed).
    await dropInvitesBetween(me.playerId, request.params.playerId);
    await dropInvitesBetween(request.params.playerId, me.playerId);
    // Both sides: the blocked player loses the friendship (and its presence) too.
    await publishToPlayers(app.redis, [me.playerId, request.params.playerId], { kind: 'friends' });
    return reply.status(204).send(null);
  });

  app.delete(
    '/v1/blocks/:playerId',
    { schema: { summary: 'Unblock a player', tags, params, response: responses({ 204: NoContent }) } },
    async (request, reply) => {
      const me = request.session;
      await unblockPlayer(app.redis, me.playerId, request.params.playerId);
      await publishToPlayers(app.redis, [me.playerId], { kind: 'friends' });
      return reply.status(204).send(null);
    },
  );
};

export default blockRoutes;
