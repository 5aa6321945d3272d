/** /v1/profiles/:playerId: display name, rating and tier per queue, games, wins, recent form (visible to everyone signed in). */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { GlaceonError, PlayerIdParamsSchema, ProfileSchema } from '@glaceon/protocol';
import { areFriends, getAccount, getQueueProfiles } from '@glaceon/store';
import { responses, routeSchema } from '../../http/schema.js';
import { PROGRESSION_READ_LIMIT } from '../progression-limits.js';

const profileRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/v1/profiles/:playerId',
    {
      schema: {
        summary: "A player's profile: rating, tier, games, wins and recent form per queue",
        tags: ['progression'],
        params: routeSchema(PlayerIdParamsSchema),
        response: responses({ 200: ProfileSchema }),
      },
      config: { rateLimit: PROGRESSION_READ_LIMIT },
    },
    async (request) => {
      const { playerId } = request.params;
      const me = request.session.playerId;
      const [account, queues, friends] = await Promise.all([
        getAccount(app.redis, playerId),
        getQueueProfiles(app.redis, playerId, app.config.queues.ids, app.config.ratingTiers),
        me === playerId ? Promise.resolve(true) : areFriends(app.redis, me, playerId),
      ]);
      if (!account) throw new GlaceonError('NOT_FOUND', 'No such player.');
      return { id: account.id, name: account.name, queues, historyVisible: friends };
    },
  );
};

export default profileRoutes;
