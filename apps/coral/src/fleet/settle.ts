import { ackGameEnding, applyGameResult, getFleetGame, type FleetGameRecord, type HistoryRetention, type RatingChange, type RedisClient } from '@glaceon/store';
import type { FleetHooks, FleetLog } from './hooks.js';

/**
 * Deliver one ended game: record it in history, apply ratings (completed
 * games in ranked queues) and the leaderboard (idempotent per game), call hooks.onGameEnded, then acknowledge the outbox entry. On any
 * failure the entry stays in the outbox and a sweeper retries it once its
 * claim runs out, so a Coral dying here loses nothing. `ended`: the record the
 * end itself returned (`endFleetGame`), which saves reading it again.
 */
export async function deliverGameEnding(
  redis: RedisClient,
  gameId: string,
  hooks: FleetHooks,
  log: FleetLog,
  retention?: HistoryRetention,
  ended?: FleetGameRecord,
): Promise<boolean> {
  try {
    const game = ended ?? (await getFleetGame(redis, gameId));
    if (!game || game.state !== 'ended' || !game.endReason) {
      // Expired long ago (or never existed): nothing left to tell anyone.
      await ackGameEnding(redis, gameId);
      return false;
    }
    const applied = await applyGameResult(
      redis,
      {
        gameId,
        mode: game.mode,
        ...(game.region ? { region: game.region } : {}),
        teams: game.teams,
        roster: game.roster,
        reason: game.endReason,
        ...(game.winningTeam === undefined ? {} : { winningTeam: game.winningTeam }),
        startedAt: game.allocatedAt,
        endedAt: game.endedAt ?? Date.now(),
        players: game.players,
      },
      retention,
    );
    const ratings: Record<string, RatingChange> | undefined = applied.record.rated ? applied.ratings : undefined;
    await hooks.onGameEnded({
      gameId,
      reason: game.endReason,
      ...(game.winningTeam === undefined ? {} : { winningTeam: game.winningTeam }),
      serverId: game.serverId,
      mode: game.mode,
      roster: game.roster,
      ...(ratings ? { ratings } : {}),
    });
    await ackGameEnding(redis, gameId);
    log.info({ gameId, reason: game.endReason, serverId: game.serverId }, 'fleet game ended');
    return true;
  } catch (error) {
    log.error({ gameId, err: error }, 'fleet game ending not delivered; the sweeper retries it');
    return false;
  }
}
