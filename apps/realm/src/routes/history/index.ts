/**
 * /v1/history: a player's games (paginated, newest first) and one game's
 * details. History is visible to the player and their friends only; a game
 * to anyone who played in it or is a friend of someone who did.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { GameIdParamsSchema, GameRecordSchema, GlaceonError, HistoryPageSchema, HistoryQuerySchema, PlayerIdParamsSchema } from '@glaceon/protocol';
import { areFriends, getFriendIds, getGameRecord, getPlayerHistory } from '@glaceon/store';
import { responses, routeSchema } from '../../http/schema.js';
import { PROGRESSION_READ_LIMIT } from '../progression-limits.js';

const historyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['progression'];

  app.get(
    '/v1/history/:playerId',
    {
      schema: {
        summary: "A player's match history, newest first (the player and their friends only)",
        tags,
        params: routeSchema(PlayerIdParamsSchema),
        querystring: routeSchema(HistoryQuerySchema),
        response: responses({ 200: HistoryPageSchema }),
      },
      config: { rateLimit: PROGRESSION_READ_LIMIT },
    },
    async (request) => {
      const { playerId } = request.params;
      const me = request.session.playerId;
      if (me !== playerId && !(await areFriends(app.redis, me, playerId))) {
        throw new GlaceonError('FORBIDDEN', "Only the player and their friends see a player's history.");
      }
      const offset = request.query.offset ?? 0;
      const limit = request.query.limit ?? 20;
      const page = await getPlayerHistory(app.redis, playerId, { offset, limit });
      return { playerId, games: page.games, total: page.total, offset };
    },
  );

  app.get(
    '/v1/history/games/:gameId',
    {
      schema: {
        summary: "One game's details: teams, players, rating changes, end reason",
        tags,
        params: routeSchema(GameIdParamsSchema),
        response: responses({ 200: GameRecordSchema }),
      },
      config: { rateLimit: PROGRESSION_READ_LIMIT },
    },
    async (request) => {
      const me = request.session.playerId;
      const record = await getGameRecord(app.redis, request.params.gameId);
      // Unknown and not-yours answer the same, so game ids cannot be probed.
      const missing = () => new GlaceonError('NOT_FOUND', 'No such game.');
      if (!record) throw missing();
      const players = record.teams.flatMap((t) => t.players.map((p) => p.playerId));
      if (!players.includes(me)) {
        const friends = new Set(await getFriendIds(app.redis, me));
        if (!players.some((p) => friends.has(p))) throw missing();
      }
      return record;
    },
  );
};

export default historyRoutes;
