import { describe, expect, it } from 'vitest';
import type { RedisClient } from '../redis.js';
import {
  applyGameResult,
  DEFAULT_SKILL,
  displayRating,
  eloTeamDeltas,
  expectedScore,
  getGameRecord,
  getLeaderboard,
  getPlayerHistory,
  getQueueProfiles,
  getRatings,
  getSkills,
  rateTeams,
  skillFromElo,
  type EndedGameInput,
} from './index.js';
import { listWaiting, startQueue } from '../matchmaking/index.js';
import { makeLobby } from '../test-support/lobbies.js';
import { useRealRedis } from '../test-support/real-redis.js';
import { TEST_QUEUES } from '../test-support/queues.js';

describe('elo (kept for the simulation comparison)', () => {
  it('is plain Elo for two teams and zero-sum', () => {
    expect(expectedScore(1500, 1500)).toBe(0.5);
    expect(eloTeamDeltas([1500, 1500], 0)).toEqual([16, -16]);
    expect(eloTeamDeltas([1500, 1500], undefined)).toEqual([0, 0]);
    const [a, b] = eloTeamDeltas([1700, 1500], 1);
    expect(b).toBeGreaterThan(16); // an upset gains more
    expect(a! + b!).toBe(0);
    const three = eloTeamDeltas([1500, 1500, 1500], 2);
    expect(three).toEqual([-8, -8, 16]);
  });
});

describe('model', () => {
  it('moves new players more than settled ones, and the display rating is conservative', () => {
    const [[win], [loss]] = rateTeams([[DEFAULT_SKILL], [DEFAULT_SKILL]], 0) as [[{ mu: number; sigma: number }], [{ mu: number; sigma: number }]];
    expect(win.mu).toBeGreaterThan(1500);
    expect(loss.mu).toBeLessThan(1500);
    expect(win.sigma).toBeLessThan(500);
    const settled = { mu: 1500, sigma: 80 };
    const [[sw]] = rateTeams([[settled], [settled]], 0) as [[{ mu: number; sigma: number }]];
    expect(sw.mu - 1500).toBeLessThan(win.mu - 1500);
    expect(displayRating(DEFAULT_SKILL)).toBe(500);
    expect(displayRating({ mu: 100, sigma: 400 })).toBe(0);
    expect(displayRating({ mu: 1600, sigma: 100 })).toBe(1400);
  });
});

const roster = (teams: string[][]) => teams.flatMap((players, team) => players.map((playerId) => ({ playerId, name: `n${playerId}`, team })));

function game(gameId: string, teams: string[][], extra: Partial<EndedGameInput> = {}): EndedGameInput {
  return { gameId, mode: '2v2', teams: teams.length, roster: roster(teams), reason: 'completed', winningTeam: 0, startedAt: 1000, endedAt: 61_000, ...extra };
}

describe('ratings, history and leaderboards against real Redis', () => {
  let redis: RedisClient;
  useRealRedis((ready) => (redis = ready.redis));

  it('applies a game exactly once, even when delivered concurrently and again later', async () => {
    const g = game('g_r1', [
      ['p_a', 'p_b'],
      ['p_c', 'p_d'],
    ]);
    const results = await Promise.all([applyGameResult(redis, g), applyGameResult(redis, g), applyGameResult(redis, g)]);
    expect(results[1]).toEqual(results[0]);
    expect(results[2]).toEqual(results[0]);
    const expected = rateTeams(
      [
        [DEFAULT_SKILL, DEFAULT_SKILL],
        [DEFAULT_SKILL, DEFAULT_SKILL],
      ],
      0,
    );
    const skills = await getSkills(redis, '2v2', ['p_a', 'p_b', 'p_c', 'p_d']);
    expect(skills.p_a?.mu).toBeCloseTo(expected[0]![0]!.mu, 4);
    expect(skills.p_a?.sigma).toBeCloseTo(expected[0]![0]!.sigma, 4);
    expect(skills.p_c?.mu).toBeCloseTo(expected[1]![0]!.mu, 4);
    const snapshot = await redis.hgetall('rating:{p_a}');
    await applyGameResult(redis, g);
    expect(await redis.hgetall('rating:{p_a}')).toEqual(snapshot);
    expect(snapshot['2v2:games']).toBe('1');
    expect(snapshot['2v2:wins']).toBe('1');
    expect(snapshot['2v2:form']).toBe('W');
    expect(results[0].ratings.p_a).toEqual({ before: 500, after: displayRating(expected[0]![0]!), delta: displayRating(expected[0]![0]!) - 500 });
    // History and leaderboard: once per game.
    expect(await redis.lrange('history:{p_a}', 0, -1)).toEqual(['g_r1']);
    expect(await redis.zcard('leaderboard:{lb:2v2}')).toBe(4);
    expect((await getRatings(redis, '1v1', ['p_a'])).p_a).toBe(1500); // per queue
  });

  it('writes a game record with one SET NX GET, and reads no record first', async () => {
    const calls = async (cmd: string): Promise<number> => {
      const m = new RegExp(`cmdstat_${cmd}:calls=(\\d+)`).exec(await redis.info('commandstats'));
      return Number(m?.[1] ?? 0);
    };
    const [gets, sets] = [await calls('get'), await calls('set')];
    await applyGameResult(
      redis,
      game('g_r_once', [
        ['p_o1', 'p_o2'],
        ['p_o3', 'p_o4'],
      ]),
    );
    expect((await calls('get')) - gets).toBe(0);
    expect((await calls('set')) - sets).toBe(1);
    expect(JSON.parse((await redis.get('history:game:{g_r_once}')) ?? 'null')).toMatchObject({ gameId: 'g_r_once' });
  });

  it('rates parties and uneven teams as the model says', async () => {
    await redis.hset('rating:{p_u1}', '2v2:mu', '1700', '2v2:sigma', '120');
    await redis.hset('rating:{p_u2}', '2v2:mu', '1400', '2v2:sigma', '300');
    // A party of two (p_u1, p_u2) against a lone player who wins.
    const { record } = await applyGameResult(redis, game('g_u1', [['p_u1', 'p_u2'], ['p_u3']], { winningTeam: 1 }));
    const expected = rateTeams(
      [
        [
          { mu: 1700, sigma: 120 },
          { mu: 1400, sigma: 300 },
        ],
        [DEFAULT_SKILL],
      ],
      1,
    );
    const skills = await getSkills(redis, '2v2', ['p_u1', 'p_u2', 'p_u3']);
    expect(skills.p_u1?.mu).toBeCloseTo(expected[0]![0]!.mu, 4);
    expect(skills.p_u2?.mu).toBeCloseTo(expected[0]![1]!.mu, 4);
    expect(skills.p_u2?.sigma).toBeCloseTo(expected[0]![1]!.sigma, 4);
    expect(skills.p_u3?.mu).toBeCloseTo(expected[1]![0]!.mu, 4);
    // The more uncertain teammate moves more.
    expect(1400 - skills.p_u2!.mu).toBeGreaterThan(1700 - skills.p_u1!.mu);
    expect(record.teams.map((t) => [t.result, t.players.length])).toEqual([
      ['loss', 2],
      ['win', 1],
    ]);
    expect(record).toMatchObject({ endReason: 'finished', rated: true, durationMs: 60_000, winningTeam: 1 });
  });

  it('rates a no-show as a loss and records unrated endings without changing ratings', async () => {
    const g = game('g_n1', [['p_n1', 'p_n2'], ['p_n3']], { winningTeam: 0, players: { p_n1: 'connected', p_n2: 'noshow', p_n3: 'connected' } });
    const { record } = await applyGameResult(redis, g);
    const skills = await getSkills(redis, '2v2', ['p_n1', 'p_n2', 'p_n3']);
    expect(skills.p_n2!.mu).toBeLessThan(1500); // their team won without them
    expect(skills.p_n1!.mu).toBeGreaterThan(1500);
    expect(record.teams[0]?.players.find((p) => p.playerId === 'p_n2')).toMatchObject({ noShow: true });
    const before = await redis.hgetall('rating:{p_n3}');
    const ab = await applyGameResult(redis, game('g_n2', [['p_n3'], ['p_n1']], { reason: 'abandoned', players: { p_n3: 'noshow', p_n1: 'connected' } }));
    expect(ab.record).toMatchObject({ endReason: 'no_show', rated: false });
    expect(ab.ratings).toEqual({});
    const lost = await applyGameResult(redis, game('g_n3', [['p_n3'], ['p_n1']], { reason: 'server_lost' }));
    expect(lost.record.endReason).toBe('server_lost');
    const after = await redis.hgetall('rating:{p_n3}');
    expect(after).toEqual(before);
    expect(await redis.lrange('history:{p_n3}', 0, -1)).toEqual(['g_n3', 'g_n2', 'g_n1']);
  });

  it('keeps history bounded, records expiring, and serves pages, profiles and leaderboards', async () => {
    const retention = { perPlayer: 3, gameTtlMs: 60_000 };
    for (let i = 0; i < 5; i++) await applyGameResult(redis, game(`g_h${i}`, [['p_h1'], ['p_h2']]), retention);
    expect(await redis.lrange('history:{p_h1}', 0, -1)).toEqual(['g_h4', 'g_h3', 'g_h2']);
    const ttl = await redis.pttl('history:game:{g_h4}');
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60_000);
    expect(await redis.pttl('history:{p_h1}')).toBeGreaterThan(0);
    const page = await getPlayerHistory(redis, 'p_h1', { offset: 1, limit: 1 });
    expect(page.total).toBe(3);
    expect(page.games.map((g) => g.gameId)).toEqual(['g_h3']);
    expect((await getGameRecord(redis, 'g_h0'))?.gameId).toBe('g_h0'); // the record outlives the list entry until it expires
    await redis.del('history:game:{g_h2}');
    expect((await getPlayerHistory(redis, 'p_h1', { offset: 0, limit: 10 })).games.map((g) => g.gameId)).toEqual(['g_h4', 'g_h3']);
    const [profile] = await getQueueProfiles(redis, 'p_h1', ['2v2']);
    expect(profile).toMatchObject({ queue: '2v2', games: 5, wins: 5, form: 'WWWWW', provisional: false, ranked: true });
    expect(profile?.tier).toBeDefined();
    const lb = await getLeaderboard(redis, '2v2', 'p_h2');
    expect(lb.top[0]?.rating).toBeGreaterThanOrEqual(lb.top[1]?.rating ?? 0);
    expect(lb.me).toMatchObject({ playerId: 'p_h2' });
    expect(lb.top.find((e) => e.playerId === 'p_h2')?.position).toBe(lb.me?.position);
    expect(lb.top.filter((e) => e.playerId === 'p_h1')).toHaveLength(1);
  });

  it('migrates a stored Elo rating by the documented rule', async () => {
    await redis.hset('rating:{p_m1}', '2v2', '1700', '2v2:games', '100');
    const migrated = skillFromElo(1700, 100);
    expect(migrated).toEqual({ mu: 1700, sigma: 150 });
    expect(skillFromElo(1600, 0)).toEqual({ mu: 1600, sigma: 500 });
    expect(skillFromElo(1600, 5).sigma).toBeCloseTo(500 * Math.sqrt(0.5), 6);
    expect((await getSkills(redis, '2v2', ['p_m1'])).p_m1).toEqual(migrated);
    await applyGameResult(redis, game('g_m1', [['p_m1'], ['p_m2']]));
    const expected = rateTeams([[migrated], [DEFAULT_SKILL]], 0);
    const h = await redis.hgetall('rating:{p_m1}');
    expect(h['2v2']).toBeUndefined(); // the legacy field is gone once a skill is written
    expect(Number(h['2v2:mu'])).toBeCloseTo(expected[0]![0]!.mu, 4);
    expect(h['2v2:games']).toBe('101');
  });

  it("puts the members' rating and uncertainty on the queue ticket the matcher reads", async () => {
    const lobby = await makeLobby(redis, '2v2', 2);
    const [p1, p2] = lobby.players as [string, string];
    await redis.hset(`rating:{${p1}}`, '2v2:mu', '1800', '2v2:sigma', '100');
    await redis.hset(`rating:{${p2}}`, '2v2:mu', '1600', '2v2:sigma', '300');
    await startQueue(redis, { queues: TEST_QUEUES, lobbyId: lobby.lobbyId, requesterId: lobby.host });
    const waiting = await listWaiting(redis, '2v2');
    const mine = waiting.find((w) => w.lobbyId === lobby.lobbyId);
    expect(mine?.rating).toBe(1700);
    expect(mine?.uncertainty).toBeCloseTo(Math.sqrt((100 * 100 + 300 * 300) / 2), 1);
  });

  it('refuses bad mode and ids', async () => {
    await expect(getRatings(redis, 'BAD MODE', ['p_a'])).rejects.toMatchObject({ code: 'INVALID_MESSAGE' });
    await expect(getRatings(redis, '1v1', ['p_{x}'])).rejects.toMatchObject({ code: 'INVALID_MESSAGE' });
    await expect(applyGameResult(redis, game('g_{bad}', [['p_a'], ['p_b']]))).rejects.toMatchObject({ code: 'INVALID_MESSAGE' });
  });
});
