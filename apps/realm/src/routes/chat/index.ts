/**
 * /v1/lobbies/:lobbyId/chat: the party chat. Sent over HTTP (a typed reply per
 * message, OpenAPI, the same error handler as every route), delivered live on
 * the event socket (`chat.line`, through the player bus to whichever instance
 * holds each member's socket); history is read here by a member who joins or
 * reconnects. docs/decisions/social-001-chat-over-http.md.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ChatSendRequestSchema, GlaceonError, LobbyChatResponseSchema, LobbyChatSentResponseSchema, LobbyIdParamsSchema } from '@glaceon/protocol';
import { appendLobbyMessage, getLobby, getLobbyChat } from '@glaceon/store';
import { responses, routeSchema } from '../../http/schema.js';
import { chatText, limitChat } from '../../http/chat-input.js';

const chatRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['chat'];
  const params = routeSchema(LobbyIdParamsSchema);

  app.get(
    '/v1/lobbies/:lobbyId/chat',
    {
      schema: {
        summary: "The lobby's chat, oldest first (members only; without the messages of players the reader blocked)",
        tags,
        params,
        response: responses({ 200: LobbyChatResponseSchema }),
      },
    },
    async (request) => {
      const { lobbyId } = request.params;
      const lobby = await getLobby(app.redis, lobbyId);
      if (!lobby) throw new GlaceonError('NOT_FOUND', 'No such lobby.');
      if (!lobby.members.some((m) => m.id === request.session.playerId)) throw new GlaceonError('NOT_IN_LOBBY');
      return { lobbyId, lines: await getLobbyChat(app.redis, lobbyId, request.session.playerId) };
    },
  );

  app.post(
    '/v1/lobbies/:lobbyId/chat',
    {
      schema: {
        summary: 'Say something in the lobby chat (plain text; rate-limited per player)',
        tags,
        params,
        body: routeSchema(ChatSendRequestSchema),
        response: responses({ 201: LobbyChatSentResponseSchema }),
      },
    },
    async (request, reply) => {
      const me = request.session;
      const text = chatText(request.body.text);
      await limitChat(app, reply, me.playerId);
      const line = await appendLobbyMessage(app.redis, { lobbyId: request.params.lobbyId, from: { id: me.playerId, name: me.name }, text });
      reply.status(201);
      return { line };
    },
  );
};

export default chatRoutes;
