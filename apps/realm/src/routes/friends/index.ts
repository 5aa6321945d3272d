/** /v1/friends: list with presence, requests (send, accept, decline, cancel), remove. */
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { FriendRequestBodySchema, FriendRequestResultSchema, FriendsViewSchema, GlaceonError, PlayerIdParamsSchema } from '@glaceon/protocol';
import {
  acceptFriendRequest,
  cancelFriendRequest,
  declineFriendRequest,
  findAccountByName,
  publishToPlayer,
  publishToPlayers,
  removeFriend,
  sendFriendRequest,
  StoreError,
} from '@glaceon/store';
import { responses, routeSchema } from '../../http/schema.js';
import { friendsView } from '../../events/views.js';

const NoContent = Type.Null();
const noSuchName = () => new GlaceonError('NOT_FOUND', 'No player has that name.');

const friendRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const rl = app.config.rateLimits.friendRequest;
  const params = routeSchema(PlayerIdParamsSchema);
  const tags = ['friends'];

  /** Both sides' launchers refresh their friends view; presence follows from it. */
  const changed = (a: string, b: string) => publishToPlayers(app.redis, [a, b], { kind: 'friends' });

  app.get(
    '/v1/friends',
    { schema: { summary: 'Friends with presence, requests, blocked', tags, response: responses({ 200: FriendsViewSchema }) } },
    async (request) => friendsView(app.redis, request.session.playerId),
  );

  app.post(
    '/v1/friends/requests',
    {
      schema: {
        summary: 'Send a friend request by display name',
        tags,
        body: routeSchema(FriendRequestBodySchema),
        response: responses({ 200: FriendRequestResultSchema }),
      },
      config: { rateLimit: { max: rl.max, timeWindow: rl.windowMs } },
    },
    async (request) => {
      const me = request.session;
      const target = await findAccountByName(app.redis, request.body.name);
      if (!target) throw noSuchName();
      const status = await sendFriendRequest(app.redis, me.playerId, target.id).catch((error: unknown) => {
        // They blocked me: answered as if the name did not exist (a block is never revealed).
        if (error instanceof StoreError && error.code === 'BLOCKED' && error.command === 'receive-request') throw noSuchName();
        throw error;
      });
      if (status === 'requested') {
        await publishToPlayer(app.redis, target.id, {
          kind: 'event',
          event: { type: 'friend.request', from: { id: me.playerId, name: me.name, at: Date.now() } },
        });
      }
      await changed(me.playerId, target.id);
      return { status, player: { id: target.id, name: target.name } };
    },
  );

  app.post(
    '/v1/friends/requests/:playerId/accept',
    { schema: { summary: 'Accept an incoming request', tags, params, response: responses({ 200: FriendsViewSchema }) } },
    async (request) => {
      const me = request.session;
      await acceptFriendRequest(app.redis, me.playerId, request.params.playerId);
      await changed(me.playerId, request.params.playerId);
      return friendsView(app.redis, me.playerId);
    },
  );

  /** A change between me and another player: no body back, and both sides are told. */
  const pairChange = (method: 'POST' | 'DELETE', url: string, summary: string, change: (me: string, other: string) => Promise<unknown>) =>
    app.route({
      method,
      url,
      schema: { summary, tags, params, response: responses({ 204: NoContent }) },
      handler: async (request, reply) => {
        const me = request.session.playerId;
        await change(me, request.params.playerId);
        await changed(me, request.params.playerId);
        return reply.status(204).send(null);
      },
    });

  pairChange('POST', '/v1/friends/requests/:playerId/decline', 'Decline an incoming request', (me, other) => declineFriendRequest(app.redis, me, other));
  pairChange('DELETE', '/v1/friends/requests/:playerId', 'Cancel an outgoing request', (me, other) => cancelFriendRequest(app.redis, me, other));
  pairChange('DELETE', '/v1/friends/:playerId', 'Remove a friend', (me, other) => removeFriend(app.redis, me, other));
};

export default friendRoutes;
