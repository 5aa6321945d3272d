/**
 * Ratings, match history and leaderboards (issue #16; docs/ratings.md).
 * A skill (mu, sigma) per player per queue mode in `rating:{<playerId>}`,
 * read by Coral for matching and changed once per game from Moonstone's
 * result; every ended game is recorded once and listed in each player's
 * bounded history; ranked queues keep a leaderboard sorted set.
 */
import { GlaceonError, type GameEndReason, type GamePlayer, type GameRecord, type GameTeam } from '@glaceon/protocol';
import type { RedisClient } from '../redis.js';
import { keys } from '../keys.js';
import { DEFAULT_SKILL, displayRating, rateTeams, skillFromFields, type Skill } from './model.js';
import { isRankedQueue } from './tiers.js';
import { ratingScripts } from './scripts.js';
import { historyKeys, leaderboardKeys, type HistoryRetention, DEFAULT_HISTORY_RETENTION, LEADERBOARD_KEEP } from './keys.js';

export { DEFAULT_RATING, ELO_K, eloTeamDeltas, expectedScore } from './elo.js';
export { DEFAULT_SKILL, RATING_MODEL, displayRating, isProvisional, rateTeams, skillFromElo, skillFromFields, type Skill } from './model.js';
export { DEFAULT_RATING_TIERS, RANKED_QUEUES, checkTiers, isRankedQueue, tierOf, type RatingTier } from './tiers.js';
export { DEFAULT_HISTORY_RETENTION, type HistoryRetention } from './keys.js';
export * from './read.js';

const APPLIED_KEEP = 50;
/** A queue id (the queue configuration's pattern, @glaceon/protocol QueueIdSchema). */
const MODE_PATTERN = /^[a-z0-9][a-z0-9-]{1,31}$/;
const SAFE_ID = /^[A-Za-z0-9_-]{1,80}$/;

export function checkMode(mode: string): void {
  if (!MODE_PATTERN.test(mode)) throw new GlaceonError('INVALID_MESSAGE', `Invalid mode ${JSON.stringify(mode)}`);
}
export function checkId(id: string): void {
  if (!SAFE_ID.test(id)) throw new GlaceonError('INVALID_MESSAGE', 'Invalid id');
}

/** Skills of these players in this mode (the model's prior for a player never rated). */
export async function getSkills(redis: RedisClient, mode: string, playerIds: readonly string[]): Promise<Record<string, Skill>> {
  checkMode(mode);
  playerIds.forEach(checkId);
  // One key per player, each in its own slot: independent reads, in parallel.
  const values = await Promise.all(playerIds.map((p) => redis.hmget(keys.rating(p), `${mode}:mu`, `${mode}:sigma`, mode, `${mode}:games`)));
  const out: Record<string, Skill> = {};
  playerIds.forEach((p, i) => {
    const [mu, sigma, elo, games] = values[i] as (string | null)[];
    out[p] = skillFromFields({ mu: mu ?? null, sigma: sigma ?? null, elo: elo ?? null, games: games ?? null });
  });
  return out;
}

/**
 * Tools only (the benchmark's `--rating-spread`): a player's starting skill in a queue, as
 * if earned, so the matcher sees a rating distribution. Product code never calls it.
 */
export async function seedSkill(redis: RedisClient, mode: string, playerId: string, skill: { mu: number; sigma: number }): Promise<void> {
  checkMode(mode);
  checkId(playerId);
  if (!Number.isFinite(skill.mu) || !Number.isFinite(skill.sigma) || skill.sigma <= 0) throw new GlaceonError('INVALID_MESSAGE', 'Invalid skill');
  await redis.hset(keys.rating(playerId), `${mode}:mu`, String(skill.mu), `${mode}:sigma`, String(skill.sigma));
}

/** Matching ratings (the skill means) of these players in this mode. */
export async function getRatings(redis: RedisClient, mode: string, playerIds: readonly string[]): Promise<Record<string, number>> {
  const skills = await getSkills(redis, mode, playerIds);
  return Object.fromEntries(Object.entries(skills).map(([p, s]) => [p, s.mu]));
}

export interface RatingChange {
  /** Display ratings before and after, and their difference. */
  before: number;
  after: number;
  delta: number;
}

/** An ended game as the fleet records it. */
export interface EndedGameInput {
  gameId: string;
  mode: string;
  region?: string;
  teams: number;
  roster: readonly { playerId: string; name: string; team: number }[];
  /** Fleet end reason: completed | abandoned | server_lost | timeout (past the mode's maximum game length). */
  reason: 'completed' | 'abandoned' | 'server_lost' | 'timeout';
  winningTeam?: number;
  startedAt: number;
  endedAt: number;
  /** Player id -> fleet status (pending | connected | noshow | left). */
  players?: Readonly<Record<string, string>>;
}

const view = (s: Skill) => ({ mu: Math.round(s.mu * 100) / 100, sigma: Math.round(s.sigma * 100) / 100, rating: displayRating(s) });

/**
 * The rules for who is rated and how (docs/ratings.md "Rules"):
 * - completed: the players who showed up are rated as their teams; a no-show
 *   is rated as a loss of their team (as if present and last), so leaving a
 *   team short never pays; a team with nobody present loses.
 * - abandoned with no-shows = no_show; abandoned, server_lost, timed_out: recorded, not rated.
 */
export function computeGameRecord(
  game: EndedGameInput,
  before: Record<string, Skill>,
): { record: GameRecord; changes: Record<string, { dMu: number; ratio: number; outcome: 'W' | 'L' | 'D' }> } {
  const noShow = (p: string) => game.players?.[p] === 'noshow' || (game.players !== undefined && game.players[p] === 'pending');
  const anyNoShow = game.roster.some((p) => noShow(p.playerId));
  const endReason: GameEndReason =
    game.reason === 'completed'
      ? 'finished'
      : game.reason === 'abandoned'
        ? anyNoShow
          ? 'no_show'
          : 'abandoned'
        : game.reason === 'timeout'
          ? 'timed_out'
          : game.reason;
  const rated = game.reason === 'completed' && isRankedQueue(game.mode);
  const teamIdx = Array.from({ length: game.teams }, (_, i) => i);
  const present = teamIdx.map((t) => game.roster.filter((p) => p.team === t && !noShow(p.playerId)));
  const changes: Record<string, { dMu: number; ratio: number; outcome: 'W' | 'L' | 'D' }> = {};
  const after: Record<string, Skill> = {};
  // A team nobody showed up for loses; with no winner reported the others then win, else all draw.
  const emptyTeams = teamIdx.filter((t) => present[t]?.length === 0);
  const winner = game.winningTeam;
  const outcomeOf = (t: number): 'W' | 'L' | 'D' =>
    winner === undefined ? (emptyTeams.length > 0 ? (emptyTeams.includes(t) ? 'L' : 'W') : 'D') : t === winner ? 'W' : 'L';
  if (rated) {
    const live = teamIdx.filter((t) => (present[t]?.length ?? 0) > 0);
    if (live.length >= 2) {
      const liveWinner = live.findIndex((t) => outcomeOf(t) === 'W');
      // Every live team drawn (or the reported winner absent): a draw among those present.
      const rateWinner = liveWinner >= 0 ? liveWinner : undefined;
      const res = rateTeams(
        live.map((t) => (present[t] ?? []).map((p) => before[p.playerId] ?? DEFAULT_SKILL)),
        rateWinner,
      );
      live.forEach((t, i) => (present[t] ?? []).forEach((p, j) => (after[p.playerId] = res[i]?.[j] as Skill)));
    }
    // No-shows: rated as members of their team that came last.
    for (const p of game.roster.filter((x) => noShow(x.playerId))) {
      const others = teamIdx.filter((t) => t !== p.team && (present[t]?.length ?? 0) > 0);
      if (others.length === 0) continue;
      const res = rateTeams(
        [
          [before[p.playerId] ?? DEFAULT_SKILL, ...(present[p.team] ?? []).map((x) => before[x.playerId] ?? DEFAULT_SKILL)],
          ...others.map((t) => (present[t] ?? []).map((x) => before[x.playerId] ?? DEFAULT_SKILL)),
        ],
        1,
      );
      after[p.playerId] = res[0]?.[0] as Skill;
    }
    for (const p of game.roster) {
      const b = before[p.playerId] ?? DEFAULT_SKILL;
      const a = after[p.playerId];
      if (!a) continue;
      const outcome = noShow(p.playerId) ? 'L' : outcomeOf(p.team);
      changes[p.playerId] = { dMu: a.mu - b.mu, ratio: a.sigma / b.sigma, outcome };
    }
  }
  const teams: GameTeam[] = teamIdx.map((t) => {
    const o = outcomeOf(t);
    const result: GameTeam['result'] = !rated ? 'none' : o === 'W' ? 'win' : o === 'D' ? 'draw' : 'loss';
    const players: GamePlayer[] = game.roster
      .filter((p) => p.team === t)
      .map((p) => {
        const b = before[p.playerId] ?? DEFAULT_SKILL;
        const a = after[p.playerId];
        const entry: GamePlayer = { playerId: p.playerId, name: p.name, noShow: noShow(p.playerId) };
        if (a) {
          entry.before = view(b);
          entry.after = view(a);
          entry.delta = entry.after.rating - entry.before.rating;
        }
        return entry;
      });
    return { team: t, result, players };
  });
  const record: GameRecord = {
    gameId: game.gameId,
    queue: game.mode,
    ...(game.region ? { region: game.region } : {}),
    startedAt: Math.max(0, Math.round(game.startedAt)),
    endedAt: Math.max(0, Math.round(game.endedAt)),
    durationMs: Math.max(0, Math.round(game.endedAt - game.startedAt)),
    endReason,
    rated,
    ...(game.winningTeam === undefined || !rated ? {} : { winningTeam: game.winningTeam }),
    teams,
  };
  return { record, changes };
}

/**
 * Apply an ended game: ratings (rated games), each player's history and the
 * leaderboard. Idempotent per game: the record (with every change) is
 * computed once and stored first writer wins (`SET NX`), and each player's
 * part is applied at most once (apply-game-3), so a retry after a crash, or
 * two Corals delivering the same ending, changes nothing more.
 */
export async function applyGameResult(
  redis: RedisClient,
  game: EndedGameInput,
  retention: HistoryRetention = DEFAULT_HISTORY_RETENTION,
): Promise<{ record: GameRecord; ratings: Record<string, RatingChange> }> {
  checkMode(game.mode);
  checkId(game.gameId);
  game.roster.forEach((p) => checkId(p.playerId));
  if (game.roster.length > 128) throw new GlaceonError('INVALID_MESSAGE', 'Roster too large');
  const recordKey = historyKeys.game(game.gameId);
  // The record is written once: computed from the ratings now, kept only if none exists (SET NX
  // GET answers the record already there). A retry reads the ratings for nothing, but the first
  // apply, which is nearly every one, needs one write instead of a read, a write and a read.
  const before = await getSkills(
    redis,
    game.mode,
    game.roster.map((p) => p.playerId),
  );
  const computed = computeGameRecord(game, before);
  const ours = JSON.stringify({ ...computed.record, changes: computed.changes });
  const existing = await redis.set(recordKey, ours, 'PX', retention.gameTtlMs, 'NX', 'GET');
  const stored = existing ?? ours;
  const { changes, ...record } = JSON.parse(stored) as GameRecord & { changes: Record<string, { dMu: number; ratio: number; outcome: string }> };
  const ratings: Record<string, RatingChange> = {};
  const ranked = isRankedQueue(record.queue);
  await Promise.all(
    record.teams.flatMap((t) =>
      t.players.map(async (p) => {
        checkId(p.playerId);
        const c = changes[p.playerId];
        const start = p.before ?? view(DEFAULT_SKILL);
        const reply = (await ratingScripts(redis).applyGame(
          [keys.rating(p.playerId), historyKeys.appliedGames(p.playerId), historyKeys.player(p.playerId)],
          [
            game.mode,
            game.gameId,
            c ? 1 : 0,
            c ? c.dMu : 0,
            c ? c.ratio : 1,
            c ? c.outcome : '-',
            start.mu,
            start.sigma,
            APPLIED_KEEP,
            retention.perPlayer,
            retention.gameTtlMs,
          ],
        )) as unknown[];
        const now: Skill = { mu: Number(reply[1]), sigma: Number(reply[2]) };
        if (c && p.before && p.after) ratings[p.playerId] = { before: p.before.rating, after: p.after.rating, delta: p.after.rating - p.before.rating };
        // The leaderboard is a view of the rating hash: ZADD sets (never adds), so a retry writes the same score.
        if (c && ranked) {
          await redis.zadd(leaderboardKeys.queue(record.queue), displayRating(now), p.playerId);
        }
      }),
    ),
  );
  if (ranked) await redis.zremrangebyrank(leaderboardKeys.queue(record.queue), 0, -(LEADERBOARD_KEEP + 1));
  return { record, ratings };
}
