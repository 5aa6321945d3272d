/**
 * /v1/messages: direct messages between friends. The conversation list (with
 * unread counts) and each history are read at sign-in and after a reconnect,
 * which is how a player who was offline receives what was sent meanwhile;
 * live delivery is the `dm.message` event. Only friends (both ways) may write:
 * anyone else - a stranger, a removed friend, someone who blocked the sender -
 * gets the same FORBIDDEN, so a block is never revealed.
 */
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  ChatSendRequestSchema,
  ConversationResponseSchema,
  ConversationsResponseSchema,
  DirectMessageSentResponseSchema,
  PlayerIdParamsSchema,
} from '@glaceon/protocol';
import { getConversation, listConversations, markConversationRead, sendDirectMessage } from '@glaceon/store';
import { responses, routeSchema } from '../../http/schema.js';
import { chatText, limitChat } from '../../http/chat-input.js';

const messageRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['messages'];
  const params = routeSchema(PlayerIdParamsSchema);

  app.get(
    '/v1/messages',
    { schema: { summary: 'My conversations, most recent first, with unread counts', tags, response: responses({ 200: ConversationsResponseSchema }) } },
    async (request) => ({ conversations: await listConversations(app.redis, request.session.playerId) }),
  );

  app.get(
    '/v1/messages/:playerId',
    { schema: { summary: 'One conversation, oldest first (does not mark it read)', tags, params, response: responses({ 200: ConversationResponseSchema }) } },
    async (request) => getConversation(app.redis, request.session.playerId, request.params.playerId),
  );

  app.post(
    '/v1/messages/:playerId',
    {
      schema: {
        summary: 'Send a friend a direct message (plain text; rate-limited per player)',
        tags,
        params,
        body: routeSchema(ChatSendRequestSchema),
        response: responses({ 201: DirectMessageSentResponseSchema }),
      },
    },
    async (request, reply) => {
      const me = request.session;
      const text = chatText(request.body.text);
      await limitChat(app, reply, me.playerId);
      const sent = await sendDirectMessage(app.redis, { from: { id: me.playerId, name: me.name }, toId: request.params.playerId, text });
      reply.status(201);
      return { message: sent.message };
    },
  );

  app.post(
    '/v1/messages/:playerId/read',
    { schema: { summary: 'Mark a conversation read', tags, params, response: responses({ 204: Type.Null() }) } },
    async (request, reply) => {
      await markConversationRead(app.redis, request.session.playerId, request.params.playerId);
      return reply.status(204).send(null);
    },
  );
};

export default messageRoutes;
