/**
 * Join requests (#15): "ask to join" a friend's lobby from the friends list.
 * The request goes to that lobby's host, who accepts (the requester joins) or
 * declines in the launcher. Bounded: one pending per (requester, lobby), a
 * short TTL (JOIN_REQUEST_TTL_MS), a cap per lobby (JOIN_REQUEST_MAX_PER_LOBBY)
 * and a per-account rate (RL_JOIN_REQUEST_*).
 *
 * A block never shows: asking a player who blocked you (or whom you blocked)
 * fails exactly like asking a stranger (not friends: FORBIDDEN); asking into a
 * lobby whose host blocked you (or you them) answers like any pending request,
 * which is then never delivered and simply expires.
 */
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  GlaceonError,
  JoinRequestResponseSchema,
  JoinRequestsListResponseSchema,
  LobbyIdParamsSchema,
  LobbyJoinedResponseSchema,
  LobbyMemberParamsSchema,
  PlayerIdParamsSchema,
  type JoinRequest,
} from '@glaceon/protocol';
import {
  areFriends,
  getFriendGraph,
  getLobby,
  getPlayerLobby,
  joinLobby,
  listJoinRequests,
  requestToJoin,
  takeJoinRequest,
  tellJoinRequestAnswered,
} from '@glaceon/store';
import { responses, routeSchema } from '../../http/schema.js';
import { limitAccount } from '../../http/account-limits.js';

const joinRequestRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['lobbies'];
  const memberParams = routeSchema(LobbyMemberParamsSchema);
  const { ttlMs, maxPerLobby } = app.config.joinRequests;

  async function blockedEitherWay(a: string, b: string): Promise<boolean> {
    const [ga, gb] = await Promise.all([getFriendGraph(app.redis, a), getFriendGraph(app.redis, b)]);
    return ga.blocked.has(b) || gb.blocked.has(a);
  }

  app.post(
    '/v1/friends/:playerId/join-requests',
    {
      schema: {
        summary: "Ask to join a friend's lobby (the request goes to its host)",
        tags: ['friends', 'lobbies'],
        params: routeSchema(PlayerIdParamsSchema),
        response: responses({ 201: JoinRequestResponseSchema }),
      },
    },
    async (request, reply) => {
      const me = request.session;
      const friendId = request.params.playerId;
      await limitAccount(app, reply, me.playerId, 'joinRequest');
      if (friendId === me.playerId || !(await areFriends(app.redis, me.playerId, friendId)) || (await blockedEitherWay(me.playerId, friendId))) {
        throw new GlaceonError('FORBIDDEN', 'You can only ask friends.');
      }
      if (await getPlayerLobby(app.redis, me.playerId)) throw new GlaceonError('ALREADY_IN_LOBBY', 'Leave your lobby before asking to join another.');
      const lobby = await getPlayerLobby(app.redis, friendId);
      if (!lobby) throw new GlaceonError('NOT_FOUND', 'Your friend is not in a lobby.');
      reply.status(201);
      const from = { id: me.playerId, name: me.name };
      if (lobby.host !== friendId && (await blockedEitherWay(me.playerId, lobby.host))) {
        // Indistinguishable from a pending request that the host never answers.
        const at = Date.now();
        const silent: JoinRequest = { lobbyId: lobby.id, from, at, expiresAt: at + ttlMs };
        return { request: silent };
      }
      const { request: pending } = await requestToJoin(app.redis, { lobbyId: lobby.id, from, ttlMs, maxPending: maxPerLobby });
      return { request: pending };
    },
  );

  app.get(
    '/v1/lobbies/:lobbyId/join-requests',
    {
      schema: {
        summary: 'Pending join requests (host)',
        tags,
        params: routeSchema(LobbyIdParamsSchema),
        response: responses({ 200: JoinRequestsListResponseSchema }),
      },
    },
    async (request) => {
      const lobby = await getLobby(app.redis, request.params.lobbyId);
      if (!lobby) throw new GlaceonError('NOT_FOUND', 'No such lobby.');
      if (!lobby.members.some((m) => m.id === request.session.playerId)) throw new GlaceonError('NOT_IN_LOBBY');
      if (lobby.host !== request.session.playerId) throw new GlaceonError('NOT_HOST');
      return { requests: await listJoinRequests(app.redis, lobby.id) };
    },
  );

  app.post(
    '/v1/lobbies/:lobbyId/join-requests/:playerId/accept',
    {
      schema: {
        summary: 'Accept a join request (host): the requester joins',
        tags,
        params: memberParams,
        response: responses({ 200: LobbyJoinedResponseSchema }),
      },
    },
    async (request) => {
      const me = request.session;
      const { lobbyId, playerId } = request.params;
      const taken = await takeJoinRequest(app.redis, { lobbyId, hostId: me.playerId, requesterId: playerId });
      const lobby = await joinLobby(app.redis, { lobbyId, playerId, name: taken.from.name, queues: app.config.queues }).catch(async (error: unknown) => {
        // Full, busy, or the requester joined another lobby meanwhile: the host hears why, the requester that it did not happen.
        await tellJoinRequestAnswered(app.redis, playerId, { lobbyId, accepted: false });
        throw error;
      });
      await tellJoinRequestAnswered(app.redis, playerId, { lobbyId, accepted: true });
      return { lobby, coralUrl: app.config.coralPublicUrl };
    },
  );

  app.post(
    '/v1/lobbies/:lobbyId/join-requests/:playerId/decline',
    { schema: { summary: 'Decline a join request (host)', tags, params: memberParams, response: responses({ 204: Type.Null() }) } },
    async (request, reply) => {
      const { lobbyId, playerId } = request.params;
      await takeJoinRequest(app.redis, { lobbyId, hostId: request.session.playerId, requesterId: playerId });
      await tellJoinRequestAnswered(app.redis, playerId, { lobbyId, accepted: false });
      return reply.status(204).send(null);
    },
  );
};

export default joinRequestRoutes;
