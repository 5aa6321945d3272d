/** /v1/friends: list with presence, requests (send, accept, decline, cancel), remove; /v1/blocks. */
import type { FastifyInstance } from 'fastify';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { FriendRequestBodySchema, FriendRequestResultSchema, FriendsViewSchema, GlaceonError, PlayerIdParamsSchema } from '@glaceon/protocol';
import {
  acceptFriendRequest,
  blockPlayer,
  cancelFriendRequest,
  declineFriendRequest,
  findAccountByName,
  getAccount,
  publishToPlayer,
  publishToPlayers,
  removeFriend,
  sendFriendRequest,
  unblockPlayer,
} from '@glaceon/store';
import { authenticate, requireAuth } from '../../plugins/auth.js';
import { responses, routeSchema } from '../../http/schema.js';
import { friendsView } from '../../events/views.js';

const NoContent = Type.Null();

export default async function friendRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  app.addHook('preHandler', authenticate);
  const rl = app.config.rateLimits.friendRequest;
  const params = routeSchema(PlayerIdParamsSchema);
  const tags = ['friends'];
  const security = [{ bearer: [] }];

  /** Both sides' launchers refresh their friends view; presence follows from it. */
  const changed = (a: string, b: string) => publishToPlayers(app.redis, [a, b], { kind: 'friends' });

  app.get('/v1/friends', { schema: { summary: 'Friends with presence, requests, blocked', tags, security, response: responses({ 200: FriendsViewSchema }) } }, async (request) =>
    friendsView(app.redis, requireAuth(request).playerId),
  );

  app.post(
    '/v1/friends/requests',
    {
      schema: { summary: 'Send a friend request by display name', tags, security, body: routeSchema(FriendRequestBodySchema), response: responses({ 200: FriendRequestResultSchema }) },
      config: { rateLimit: { max: rl.max, timeWindow: rl.windowMs } },
    },
    async (request) => {
      const me = requireAuth(request);
      const target = await findAccountByName(app.redis, request.body.name);
      if (!target) throw new GlaceonError('NOT_FOUND', 'No player has that name.');
      const status = await sendFriendRequest(app.redis, me.playerId, target.id);
      if (status === 'requested') {
        await publishToPlayer(app.redis, target.id, { kind: 'event', event: { type: 'friend.request', from: { id: me.playerId, name: me.name, at: Date.now() } } });
      }
      await changed(me.playerId, target.id);
      return { status, player: { id: target.id, name: target.name } };
    },
  );

  app.post(
    '/v1/friends/requests/:playerId/accept',
    { schema: { summary: 'Accept an incoming request', tags, security, params, response: responses({ 200: FriendsViewSchema }) } },
    async (request) => {
      const me = requireAuth(request);
      await acceptFriendRequest(app.redis, me.playerId, request.params.playerId);
      await changed(me.playerId, request.params.playerId);
      return friendsView(app.redis, me.playerId);
    },
  );

  app.post(
    '/v1/friends/requests/:playerId/decline',
    { schema: { summary: 'Decline an incoming request', tags, security, params, response: responses({ 204: NoContent }) } },
    async (request, reply) => {
      const me = requireAuth(request);
      await declineFriendRequest(app.redis, me.playerId, request.params.playerId);
      await changed(me.playerId, request.params.playerId);
      return reply.status(204).send(null);
    },
  );

  app.delete(
    '/v1/friends/requests/:playerId',
    { schema: { summary: 'Cancel an outgoing request', tags, security, params, response: responses({ 204: NoContent }) } },
    async (request, reply) => {
      const me = requireAuth(request);
      await cancelFriendRequest(app.redis, me.playerId, request.params.playerId);
      await changed(me.playerId, request.params.playerId);
      return reply.status(204).send(null);
    },
  );

  app.delete(
    '/v1/friends/:playerId',
    { schema: { summary: 'Remove a friend', tags, security, params, response: responses({ 204: NoContent }) } },
    async (request, reply) => {
      const me = requireAuth(request);
      await removeFriend(app.redis, me.playerId, request.params.playerId);
      await changed(me.playerId, request.params.playerId);
      return reply.status(204).send(null);
    },
  );

  app.put(
    '/v1/blocks/:playerId',
    { schema: { summary: 'Block a player', tags, security, params, response: responses({ 204: NoContent }) } },
    async (request, reply) => {
      const me = requireAuth(request);
      if (!(await getAccount(app.redis, request.params.playerId))) throw new GlaceonError('NOT_FOUND', 'No such player.');
      await blockPlayer(app.redis, me.playerId, request.params.playerId);
      await changed(me.playerId, request.params.playerId);
      return reply.status(204).send(null);
    },
  );

  app.delete(
    '/v1/blocks/:playerId',
    { schema: { summary: 'Unblock a player', tags, security, params, response: responses({ 204: NoContent }) } },
    async (request, reply) => {
      const me = requireAuth(request);
      await unblockPlayer(app.redis, me.playerId, request.params.playerId);
      await publishToPlayers(app.redis, [me.playerId], { kind: 'friends' });
      return reply.status(204).send(null);
    },
  );
}
