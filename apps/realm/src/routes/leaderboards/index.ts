/** /v1/leaderboards/:queue: the top 100 of a ranked queue and the caller's own position (visible to everyone signed in). */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { GlaceonError, LeaderboardSchema, QueueParamsSchema, type LeaderboardEntry } from '@glaceon/protocol';
import { getAccountNames, getLeaderboard, isRankedQueue, tierOf } from '@glaceon/store';
import { responses, routeSchema } from '../../http/schema.js';
import { PROGRESSION_READ_LIMIT } from '../progression-limits.js';

const leaderboardRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/v1/leaderboards/:queue',
    {
      schema: {
        summary: "A ranked queue's leaderboard: top 100 and your position",
        tags: ['progression'],
        params: routeSchema(QueueParamsSchema),
        response: responses({ 200: LeaderboardSchema }),
      },
      config: { rateLimit: PROGRESSION_READ_LIMIT },
    },
    async (request) => {
      const { queue } = request.params;
      if (!isRankedQueue(queue)) throw new GlaceonError('NOT_FOUND', 'No leaderboard for that queue.');
      const me = request.session.playerId;
      const board = await getLeaderboard(app.redis, queue, me, 100);
      const names = await getAccountNames(app.redis, [...board.top.map((e) => e.playerId), me]);
      const entry = (e: { playerId: string; rating: number; position: number }): LeaderboardEntry => ({
        position: e.position,
        playerId: e.playerId,
        name: names.get(e.playerId) ?? e.playerId,
        rating: e.rating,
        tier: tierOf(e.rating, app.config.ratingTiers),
      });
      return { queue, entries: board.top.map(entry), ...(board.me ? { me: entry(board.me) } : {}), total: board.total };
    },
  );
};

export default leaderboardRoutes;
