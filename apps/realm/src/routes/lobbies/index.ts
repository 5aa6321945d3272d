/**
 * /v1/lobbies: create, read, leave, kick, transfer host, mode, invite token
 * rotation, join by token, direct invites. The store functions that change a
 * lobby or an invite tell the members themselves.
 */
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  CreateLobbyRequestSchema,
  CurrentLobbyResponseSchema,
  DirectInviteRequestSchema,
  DirectInviteResponseSchema,
  GlaceonError,
  InviteTokenInfoSchema,
  InvitePreviewSchema,
  JoinByTokenRequestSchema,
  LobbyIdParamsSchema,
  LobbyJoinedResponseSchema,
  LobbyMemberParamsSchema,
  LobbyResponseSchema,
  KickResponseSchema,
  SetModeRequestSchema,
  TransferHostRequestSchema,
  newId,
  type Lobby,
} from '@glaceon/protocol';
import {
  areFriends,
  blockedByAny,
  createDirectInvite,
  createLobby,
  discardInviteToken,
  getAccount,
  getFriendGraph,
  getLobby,
  getLobbyInviteHash,
  getPlayerLobby,
  issueInviteToken,
  joinLobby,
  kickMember,
  leaveLobby,
  peekInviteToken,
  refundInviteUse,
  revokeInviteToken,
  setLobbyInviteHash,
  setLobbyMode,
  transferHost,
  useInviteToken,
} from '@glaceon/store';
import { responses, routeSchema } from '../../http/schema.js';
import { inviteInfo } from './invite-token.js';
import { limitAccount } from '../../http/account-limits.js';

const lobbyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['lobbies'];
  const params = routeSchema(LobbyIdParamsSchema);
  const coralUrl = app.config.coralPublicUrl;
  const rl = app.config.rateLimits.joinByToken;

  /** The lobby, if the caller is a member; NOT_FOUND / NOT_IN_LOBBY otherwise. */
  async function memberLobby(lobbyId: string, playerId: string): Promise<Lobby> {
    const lobby = await getLobby(app.redis, lobbyId);
    if (!lobby) throw new GlaceonError('NOT_FOUND', 'No such lobby.');
    if (!lobby.members.some((m) => m.id === playerId)) throw new GlaceonError('NOT_IN_LOBBY');
    return lobby;
  }
  function requireHost(lobby: Lobby, playerId: string): void {
    if (lobby.host !== playerId) throw new GlaceonError('NOT_HOST');
  }
  /** A new invite token for the lobby (the host's), the old one revoked. */
  async function rotateInvite(lobbyId: string, hostId: string) {
    const issued = await issueInviteToken(app.redis, { lobbyId, ttlMs: app.config.inviteTtlMs, maxUses: app.config.inviteMaxUses });
    let old: string;
    try {
      old = await setLobbyInviteHash(app.redis, { lobbyId, hostId, inviteHash: issued.tokenHash });
    } catch (error) {
      await revokeInviteToken(app.redis, issued.tokenHash);
      throw error;
    }
    await revokeInviteToken(app.redis, old);
    return inviteInfo(issued);
  }

  app.post(
    '/v1/lobbies',
    {
      schema: {
        summary: 'Create a lobby (you are host)',
        tags,
        body: routeSchema(CreateLobbyRequestSchema),
        response: responses({ 201: LobbyJoinedResponseSchema }),
      },
    },
    async (request, reply) => {
      const me = request.session;
      await limitAccount(app, reply, me.playerId, 'lobby');
      // Checked first so a refused create writes nothing (the store re-checks atomically).
      if (await getPlayerLobby(app.redis, me.playerId)) throw new GlaceonError('ALREADY_IN_LOBBY');
      if (!app.config.queues.has(request.body.mode))
        throw new GlaceonError('UNKNOWN_QUEUE', `There is no queue ${JSON.stringify(request.body.mode)}.`, '/mode');
      const lobbyId = newId('l_');
      const issued = await issueInviteToken(app.redis, { lobbyId, ttlMs: app.config.inviteTtlMs, maxUses: app.config.inviteMaxUses });
      let lobby: Lobby;
      try {
        lobby = await createLobby(app.redis, { lobbyId, hostId: me.playerId, hostName: me.name, mode: request.body.mode, inviteHash: issued.tokenHash });
      } catch (error) {
        await revokeInviteToken(app.redis, issued.tokenHash);
        throw error;
      }
      reply.status(201);
      return { lobby, coralUrl, invite: inviteInfo(issued) };
    },
  );

  app.get(
    '/v1/lobbies/current',
    { schema: { summary: 'The lobby you are in, if any', tags, response: responses({ 200: CurrentLobbyResponseSchema }) } },
    async (request) => ({
      lobby: await getPlayerLobby(app.redis, request.session.playerId),
      coralUrl,
    }),
  );

  app.get(
    '/v1/lobbies/:lobbyId',
    { schema: { summary: 'Read a lobby you are in', tags, params, response: responses({ 200: LobbyResponseSchema }) } },
    async (request) => ({
      lobby: await memberLobby(request.params.lobbyId, request.session.playerId),
    }),
  );

  app.post(
    '/v1/lobbies/:lobbyId/leave',
    { schema: { summary: 'Leave (the last member closes the lobby)', tags, params, response: responses({ 204: Type.Null() }) } },
    async (request, reply) => {
      const me = request.session;
      const { lobbyId } = request.params;
      await limitAccount(app, reply, me.playerId, 'lobby');
      const result = await leaveLobby(app.redis, { lobbyId, playerId: me.playerId });
      if (result.closed) await revokeInviteToken(app.redis, result.inviteHash);
      return reply.status(204).send(null);
    },
  );

  app.delete(
    '/v1/lobbies/:lobbyId/members/:playerId',
    {
      schema: {
        summary: 'Kick a member (host); rotates the invite token',
        tags,
        params: routeSchema(LobbyMemberParamsSchema),
        response: responses({ 200: KickResponseSchema }),
      },
    },
    async (request, reply) => {
      const me = request.session;
      const { lobbyId, playerId } = request.params;
      await limitAccount(app, reply, me.playerId, 'kick');
      if (playerId === me.playerId) throw new GlaceonError('INVALID_MESSAGE', 'Use leave to leave your own lobby.', '/playerId');
      // Refused kicks write nothing: the script's checks, first read here (it re-checks atomically).
      const lobby = await memberLobby(lobbyId, me.playerId);
      requireHost(lobby, me.playerId);
      if (!lobby.members.some((m) => m.id === playerId)) throw new GlaceonError('NOT_IN_LOBBY');
      if (lobby.state !== 'idle') throw new GlaceonError('LOBBY_NOT_IDLE');
      // The kicked player may hold the link (#12 item 12, #15): the new token is minted first and
      // the kick script swaps the lobby's invite in the same step that removes them, so there is no
      // moment when they are out and the old link still admits. The old record is revoked after.
      const issued = await issueInviteToken(app.redis, { lobbyId, ttlMs: app.config.inviteTtlMs, maxUses: app.config.inviteMaxUses });
      let result: Awaited<ReturnType<typeof kickMember>>;
      try {
        result = await kickMember(app.redis, { lobbyId, hostId: me.playerId, playerId, newInviteHash: issued.tokenHash });
      } catch (error) {
        // Never attached to the lobby nor shown to anyone: gone without a trace.
        await discardInviteToken(app.redis, issued.tokenHash);
        throw error;
      }
      await revokeInviteToken(app.redis, result.inviteHash);
      if (!result.lobby) throw new GlaceonError('NOT_FOUND', 'No such lobby.');
      return { lobby: result.lobby, invite: inviteInfo(issued) };
    },
  );

  app.put(
    '/v1/lobbies/:lobbyId/host',
    { schema: { summary: 'Transfer host', tags, params, body: routeSchema(TransferHostRequestSchema), response: responses({ 200: LobbyResponseSchema }) } },
    async (request) => {
      const me = request.session;
      const lobby = await transferHost(app.redis, { lobbyId: request.params.lobbyId, hostId: me.playerId, playerId: request.body.playerId });
      return { lobby };
    },
  );

  app.put(
    '/v1/lobbies/:lobbyId/mode',
    {
      schema: {
        summary: 'Choose the queue mode (host)',
        tags,
        params,
        body: routeSchema(SetModeRequestSchema),
        response: responses({ 200: LobbyResponseSchema }),
      },
    },
    async (request) => {
      const me = request.session;
      const lobby = await setLobbyMode(app.redis, { lobbyId: request.params.lobbyId, hostId: me.playerId, mode: request.body.mode, queues: app.config.queues });
      return { lobby };
    },
  );

  app.post(
    '/v1/lobbies/:lobbyId/invite-token',
    { schema: { summary: 'Rotate the invite token (host); the old one is revoked', tags, params, response: responses({ 201: InviteTokenInfoSchema }) } },
    async (request, reply) => {
      const me = request.session;
      const { lobbyId } = request.params;
      await limitAccount(app, reply, me.playerId, 'inviteRotate');
      requireHost(await memberLobby(lobbyId, me.playerId), me.playerId);
      reply.status(201);
      return rotateInvite(lobbyId, me.playerId);
    },
  );

  app.post(
    '/v1/lobbies/join',
    {
      schema: { summary: 'Join by invite token', tags, body: routeSchema(JoinByTokenRequestSchema), response: responses({ 200: LobbyJoinedResponseSchema }) },
      config: { rateLimit: { max: rl.max, timeWindow: rl.windowMs } },
    },
    async (request) => {
      const me = request.session;
      if (await getPlayerLobby(app.redis, me.playerId)) throw new GlaceonError('ALREADY_IN_LOBBY');
      const { lobbyId, tokenHash } = await useInviteToken(app.redis, request.body.token);
      let lobby: Lobby;
      try {
        // A member blocked me: to me the token is simply not valid (a block is never revealed).
        const members = (await getLobby(app.redis, lobbyId))?.members.map((m) => m.id) ?? [];
        if (await blockedByAny(app.redis, me.playerId, members)) throw new GlaceonError('INVITE_INVALID');
        lobby = await joinLobby(app.redis, { lobbyId, playerId: me.playerId, name: me.name, inviteHash: tokenHash, queues: app.config.queues });
      } catch (error) {
        await refundInviteUse(app.redis, tokenHash);
        // The token's lobby is gone: to the holder, the invite was revoked.
        if (error instanceof GlaceonError && error.code === 'NOT_FOUND') throw new GlaceonError('INVITE_REVOKED');
        throw error;
      }
      return { lobby, coralUrl };
    },
  );

  app.post(
    '/v1/lobbies/preview',
    {
      schema: {
        summary: 'What an invite token leads to (does not spend a use)',
        tags,
        body: routeSchema(JoinByTokenRequestSchema),
        response: responses({ 200: InvitePreviewSchema }),
      },
      config: { rateLimit: { max: rl.max, timeWindow: rl.windowMs } },
    },
    async (request) => {
      const { lobbyId, tokenHash } = await peekInviteToken(app.redis, request.body.token);
      const [lobby, currentHash] = await Promise.all([getLobby(app.redis, lobbyId), getLobbyInviteHash(app.redis, lobbyId)]);
      if (!lobby || currentHash !== tokenHash) throw new GlaceonError('INVITE_REVOKED');
      if (
        await blockedByAny(
          app.redis,
          request.session.playerId,
          lobby.members.map((m) => m.id),
        )
      )
        throw new GlaceonError('INVITE_INVALID');
      const host = lobby.members.find((m) => m.id === lobby.host);
      return {
        lobbyId,
        hostName: host?.name ?? lobby.members[0]!.name,
        mode: lobby.mode,
        members: lobby.members.length,
        maxMembers: app.config.queues.get(lobby.mode)?.maxPartySize ?? lobby.members.length,
      };
    },
  );

  app.post(
    '/v1/lobbies/:lobbyId/invites',
    {
      schema: {
        summary: 'Invite a friend (pushed to their launcher)',
        tags,
        params,
        body: routeSchema(DirectInviteRequestSchema),
        response: responses({ 201: DirectInviteResponseSchema }),
      },
    },
    async (request, reply) => {
      const me = request.session;
      await limitAccount(app, reply, me.playerId, 'directInvite');
      const lobby = await memberLobby(request.params.lobbyId, me.playerId);
      const { playerId } = request.body;
      // Not friends (both ways), or they blocked me: the same answer, so a block is never revealed.
      const notFriends = () => new GlaceonError('FORBIDDEN', 'You can only invite friends.');
      if (!(await areFriends(app.redis, me.playerId, playerId))) throw notFriends();
      if ((await getFriendGraph(app.redis, playerId)).blocked.has(me.playerId)) throw notFriends();
      if (lobby.members.some((m) => m.id === playerId)) throw new GlaceonError('WRONG_STATE', 'Already in this lobby.');
      if (!(await getAccount(app.redis, playerId))) throw new GlaceonError('NOT_FOUND', 'No such player.');
      const invite = await createDirectInvite(app.redis, { toId: playerId, lobbyId: lobby.id, from: { id: me.playerId, name: me.name }, mode: lobby.mode });
      reply.status(201);
      return { invite };
    },
  );
};

export default lobbyRoutes;
