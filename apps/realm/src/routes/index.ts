/**
 * Every route, each file registered once. Public: operations, register, sign
 * in, and the event socket (which authenticates its upgrade itself:
 * events/socket-auth.ts). Everything else is in the authenticated scope: one
 * hook there refuses a request without a live session and gives handlers
 * `request.session`, and every route in it is documented as needing the
 * bearer token.
 */
import type { FastifyInstance } from 'fastify';
import { authenticate } from '../plugins/auth.js';
import opsRoutes from './ops/index.js';
import accountRoutes from './accounts/index.js';
import sessionRoutes from './sessions/index.js';
import eventRoutes from './events/index.js';
import meRoutes from './me/index.js';
import signOutRoutes from './sessions/sign-out.js';
import friendRoutes from './friends/index.js';
import blockRoutes from './blocks/index.js';
import lobbyRoutes from './lobbies/index.js';
import inviteRoutes from './invites/index.js';
import joinRequestRoutes from './join-requests/index.js';
import profileRoutes from './profiles/index.js';
import historyRoutes from './history/index.js';
import leaderboardRoutes from './leaderboards/index.js';
import chatRoutes from './chat/index.js';
import messageRoutes from './messages/index.js';
import queueRoutes from './queues/index.js';

export default async function routes(app: FastifyInstance): Promise<void> {
  await app.register(opsRoutes);
  await app.register(accountRoutes);
  await app.register(sessionRoutes);
  await app.register(eventRoutes);
  await app.register(queueRoutes);

  await app.register(async function authenticated(scope) {
    scope.addHook('preHandler', authenticate);
    scope.addHook('onRoute', (route) => {
      route.schema = { ...route.schema, security: [{ bearer: [] }] };
    });
    await scope.register(meRoutes);
    await scope.register(signOutRoutes);
    await scope.register(friendRoutes);
    await scope.register(blockRoutes);
    await scope.register(lobbyRoutes);
    await scope.register(inviteRoutes);
    await scope.register(joinRequestRoutes);
    await scope.register(profileRoutes);
    await scope.register(historyRoutes);
    await scope.register(leaderboardRoutes);
    await scope.register(chatRoutes);
    await scope.register(messageRoutes);
  });
}
