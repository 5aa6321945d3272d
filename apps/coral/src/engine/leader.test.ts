import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { QueueModeId } from '@glaceon/protocol';
import {
  acceptMatch,
  CREATION_START_GRACE_MS,
  closeRedis,
  createRedis,
  getLobbyChat,
  getPlayerMatchView,
  readWhy,
  startQueue,
  type RedisClient,
} from '@glaceon/store';
import { makeLobby, queueKeys, keys, TEST_QUEUES } from '@glaceon/store/testing';
import { startRedis, type RedisHandle } from '@glaceon/testkit';
import { MatchmakerLeader } from './leader.js';

/** A lobby of `size` made like Realm makes it, queued; its players. */
async function queueLobby(redis: RedisClient, mode: QueueModeId, size: number, now?: number): Promise<string[]> {
  const lobby = await makeLobby(redis, mode, size);
  await startQueue(redis, { queues: TEST_QUEUES, lobbyId: lobby.lobbyId, requesterId: lobby.host, ...(now === undefined ? {} : { now }) });
  return lobby.players;
}

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setImmediate(r));
  }
}

describe('MatchmakerLeader', () => {
  let server: RedisHandle;
  let redis: RedisClient;
  let redisA: RedisClient;
  let redisB: RedisClient;
  beforeAll(async () => {
    server = await startRedis();
    redis = createRedis(server.url);
    redisA = createRedis(server.url);
    redisB = createRedis(server.url);
  });
  beforeEach(async () => {
    await redis.flushall();
  });
  afterAll(async () => {
    await Promise.all([redis, redisA, redisB].map(closeRedis));
    await server.stop();
  });

  /** A 1v1 lobby whose player has this stored skill (docs/ratings.md), queued now. */
  async function queueRated(mu: number, sigma: number): Promise<string> {
    const lobby = await makeLobby(redis, '1v1', 1);
    await redis.hset(keys.rating(lobby.host), '1v1:mu', String(mu), '1v1:sigma', String(sigma));
    await startQueue(redis, { queues: TEST_QUEUES, lobbyId: lobby.lobbyId, requesterId: lobby.host });
    return lobby.host;
  }

  it("a stored rating reaches the ticket and the matcher's window: settled players 300 apart wait", async () => {
    const leader = new MatchmakerLeader({ redis: redisA, queue: TEST_QUEUES.require('1v1'), ownerId: 'coral-a', leaseTtlMs: 60_000 });
    const [a, b] = [await queueRated(1000, 80), await queueRated(1300, 80)];
    // Window 100 + 0.5 * 80 = 140 (plus 25 per second waited) < 300.
    expect((await leader.tick()).claimed).toBe(0);
    expect((await getPlayerMatchView(redis, a)).state).toBe('queued');
    expect((await getPlayerMatchView(redis, b)).state).toBe('queued');
  });

  it('the pass leaves why each unplaced lobby waits (real Redis): players within the window, the nearest gap, players needed', async () => {
    const leader = new MatchmakerLeader({ redis: redisA, queue: TEST_QUEUES.require('1v1'), ownerId: 'coral-a', leaseTtlMs: 60_000 });
    const [a, b] = [await queueRated(1000, 80), await queueRated(1300, 80)];
    expect((await leader.tick()).claimed).toBe(0);
    const lobbies = await Promise.all([a, b].map(async (p) => (await getPlayerMatchView(redis, p)) as { lobbyId: string }));
    const why = await readWhy(
      redis,
      '1v1',
      lobbies.map((l) => l.lobbyId),
    );
    for (const l of lobbies) expect(why.get(l.lobbyId)).toMatchObject({ reason: 'few_players', playersInWindow: 0, playersNeeded: 1, nearestGap: 300 });
    expect(why.get(lobbies[0]!.lobbyId)!.window).toBeGreaterThanOrEqual(140);
    expect(why.get(lobbies[0]!.lobbyId)!.window).toBeLessThan(300);
    // Once matched, a later pass no longer lists them.
    await queueRated(1150, 80);
    const c = await queueRated(1150, 80);
    await leader.tick();
    await new Promise((r) => setTimeout(r, 1050));
    await leader.tick();
    const cLobby = ((await getPlayerMatchView(redis, c)) as { lobbyId: string }).lobbyId;
    expect((await readWhy(redis, '1v1', [cLobby])).has(cLobby)).toBe(false);
  });

  it("an uncertain (new) player's window is wider: the same gap matches at once", async () => {
    const leader = new MatchmakerLeader({ redis: redisA, queue: TEST_QUEUES.require('1v1'), ownerId: 'coral-a', leaseTtlMs: 60_000 });
    const [a, b] = [await queueRated(1000, 500), await queueRated(1300, 80)];
    // The oldest (a) anchors: 100 + 0.5 * 500 = 350 >= 300.
    expect((await leader.tick()).claimed).toBe(1);
    expect((await getPlayerMatchView(redis, a)).state).toBe('prematch');
    expect((await getPlayerMatchView(redis, b)).state).toBe('prematch');
  });

  it('only the lease holder matches; it claims balanced 2v2 matches from mixed parties', async () => {
    const a = new MatchmakerLeader({ redis: redisA, queue: TEST_QUEUES.require('2v2'), ownerId: 'coral-a', leaseTtlMs: 60_000 });
    const b = new MatchmakerLeader({ redis: redisB, queue: TEST_QUEUES.require('2v2'), ownerId: 'coral-b', leaseTtlMs: 60_000 });
    const players: string[] = [];
    for (const size of [2, 1, 1, 2, 2, 1, 1]) players.push(...(await queueLobby(redis, '2v2', size)));
    const tb = await b.tick();
    const ta = await a.tick();
    expect([ta.leader, tb.leader].filter(Boolean)).toHaveLength(1);
    const leaderResult = ta.leader ? ta : tb;
    const follower = ta.leader ? tb : ta;
    expect(follower.claimed).toBe(0);
    expect(leaderResult.claimed).toBe(2);
    expect(leaderResult.matchedPlayers).toBe(8);
    const views = await Promise.all(players.map((p) => getPlayerMatchView(redis, p)));
    expect(views.filter((v) => v.state === 'prematch')).toHaveLength(8);
    const prematches = new Set(views.flatMap((v) => (v.state === 'prematch' ? [v.prematchId] : [])));
    expect(prematches.size).toBe(2);
    for (const v of views) if (v.state === 'prematch') expect(v.teams.map((t) => t.length)).toEqual([2, 2]);
  });

  it('a leader paused past its lease (between matching and claiming) never claims; the new leader does', async () => {
    let release: () => void = () => {};
    let paused = false;
    const a = new MatchmakerLeader({
      redis: redisA,
      queue: TEST_QUEUES.require('1v1'),
      ownerId: 'coral-a',
      leaseTtlMs: 300,
      beforeClaim: () =>
        new Promise<void>((resolve) => {
          paused = true;
          release = resolve;
        }),
    });
    const b = new MatchmakerLeader({ redis: redisB, queue: TEST_QUEUES.require('1v1'), ownerId: 'coral-b', leaseTtlMs: 60_000 });
    const players = [...(await queueLobby(redis, '1v1', 1)), ...(await queueLobby(redis, '1v1', 1))];
    const aTick = a.tick();
    await waitFor(async () => paused);
    // a is frozen holding a proposal; its lease runs out and b takes over and claims.
    await waitFor(async () => (await redis.exists(`{q:1v1}:lease`)) === 0);
    const bResult = await b.tick();
    expect(bResult).toMatchObject({ leader: true, claimed: 1 });
    // a resumes and sends its claim with the old epoch: refused.
    release();
    const aResult = await aTick;
    expect(aResult).toMatchObject({ leader: false, claimed: 0, staleRejected: 1 });
    expect(a.counters.staleEpochRejections).toBe(1);
    expect((await a.tick()).leader).toBe(false);
    const views = await Promise.all(players.map((p) => getPlayerMatchView(redis, p)));
    expect(new Set(views.map((v) => (v.state === 'prematch' ? v.prematchId : 'none'))).size).toBe(1);
  });

  it('a leader ticking fast renews its lease at most every quarter TTL, and a lease it lost stops its next claim', async () => {
    const a = new MatchmakerLeader({ redis: redisA, queue: TEST_QUEUES.require('1v1'), ownerId: 'coral-a', leaseTtlMs: 60_000 });
    expect((await a.tick()).leader).toBe(true);
    const ttlAfterTake = await redis.pttl(queueKeys.lease('1v1'));
    // Within a quarter of the TTL: no renewal, so the key's TTL only runs down.
    await new Promise((r) => setTimeout(r, 30));
    expect((await a.tick()).leader).toBe(true);
    expect(await redis.pttl(queueKeys.lease('1v1'))).toBeLessThan(ttlAfterTake);

    // Another Coral takes the lease behind a's back (as if a's had lapsed): a still believes it
    // leads, but the claim it tries presents the old epoch and changes nothing.
    await redis.set(queueKeys.lease('1v1'), 'coral-b', 'PX', 60_000);
    await redis.incr(queueKeys.epoch('1v1'));
    const players = [...(await queueLobby(redis, '1v1', 1)), ...(await queueLobby(redis, '1v1', 1))];
    const t = await a.tick();
    expect(t.staleRejected).toBe(1);
    expect(t.claimed).toBe(0);
    expect(t.leader).toBe(false);
    expect(a.isLeader).toBe(false);
    for (const p of players) expect((await getPlayerMatchView(redis, p)).state).toBe('queued');
    // Standing down, it asks Redis again on its next tick and finds it is not the leader.
    expect((await a.tick()).leader).toBe(false);
  });

  it('runs on a timer, hands the lease over on stop, and the other Coral carries on', async () => {
    const a = new MatchmakerLeader({ redis: redisA, queue: TEST_QUEUES.require('5v5'), ownerId: 'coral-a', tickMs: 20 });
    const b = new MatchmakerLeader({ redis: redisB, queue: TEST_QUEUES.require('5v5'), ownerId: 'coral-b', tickMs: 20 });
    a.start();
    await waitFor(async () => a.isLeader);
    b.start();
    const first: string[] = [];
    for (const size of [5, 3, 2]) first.push(...(await queueLobby(redis, '5v5', size)));
    await waitFor(async () => (await Promise.all(first.map((p) => getPlayerMatchView(redis, p)))).every((v) => v.state === 'prematch'));
    await a.stop();
    await waitFor(async () => b.isLeader);
    const second: string[] = [];
    for (const size of [1, 2, 3, 4, 5, 5]) second.push(...(await queueLobby(redis, '5v5', size)));
    await waitFor(async () => (await Promise.all(second.map((p) => getPlayerMatchView(redis, p)))).every((v) => v.state === 'prematch'));
    await b.stop();
    expect(b.counters.matches).toBeGreaterThanOrEqual(1);
    expect(await redis.get('{q:5v5}:lease')).toBeNull();
  });

  it('a leader idling on a long tick is woken by wake() and matches at once; every loop tick is reported', async () => {
    const ticks: boolean[] = [];
    const a = new MatchmakerLeader({
      redis: redisA,
      queue: TEST_QUEUES.require('1v1'),
      ownerId: 'coral-a',
      tickMs: 60_000,
      wakeGapMs: 5,
      leaseTtlMs: 60_000,
      onTick: (r) => ticks.push(r.leader),
    });
    a.wake(); // not started: nothing to wake
    a.start();
    await waitFor(async () => ticks.length === 1);
    expect(a.isLeader).toBe(true);
    const players = [...(await queueLobby(redis, '1v1', 1)), ...(await queueLobby(redis, '1v1', 1))];
    a.wake();
    await waitFor(async () => (await Promise.all(players.map((p) => getPlayerMatchView(redis, p)))).every((v) => v.state === 'prematch'), 5_000);
    // The claim lands in Redis just before its tick reports.
    await waitFor(async () => ticks.length >= 2, 5_000);
    expect(ticks.every(Boolean)).toBe(true);
    await a.stop();
    expect(await redis.get('{q:1v1}:lease')).toBeNull();
  });

  it('the sweeper runs from the tick: expired ready checks settle, creations due are reported', async () => {
    let now = 1_000_000;
    const due: string[] = [];
    const leader = new MatchmakerLeader({
      redis: redisA,
      queue: TEST_QUEUES.require('1v1'),
      ownerId: 'coral-a',
      clock: () => now,
      acceptTimeoutMs: 5000,
      leaseTtlMs: 60_000,
      onCreationsDue: (_m, pms) => due.push(...pms),
    });
    const p1 = await queueLobby(redis, '1v1', 1, now);
    const p2 = await queueLobby(redis, '1v1', 1, now);
    expect((await leader.tick()).claimed).toBe(1);
    const view = await getPlayerMatchView(redis, p1[0] as string, now);
    if (view.state !== 'prematch') throw new Error('not matched');
    now += 5000;
    const swept = await leader.tick();
    expect(swept.sweep?.timedOut).toEqual([view.prematchId]);
    // Who did not accept is named, and their party's chat says so (#15), after the line its queue started with.
    expect([...swept.sweep!.notAccepted].sort()).toEqual([p1[0], p2[0]].sort());
    expect((await getLobbyChat(redis, view.lobbyId)).map((l) => [l.event, l.from.id])).toEqual([
      ['queue.started', p1[0]],
      ['match.not_accepted', p1[0]],
    ]);
    expect(await redis.hget(keys.lobby(view.lobbyId), 'idleReason')).toBe('timeout');
    expect((await getPlayerMatchView(redis, p2[0] as string)).state).toBe('idle');
    expect(due).toEqual([]);

    // All accept, nobody starts the game: after the start grace the leader reports the creation due.
    const p3 = await queueLobby(redis, '1v1', 1, now);
    await queueLobby(redis, '1v1', 1, now);
    now += 600;
    expect((await leader.tick()).claimed).toBe(1);
    const ready = await getPlayerMatchView(redis, p3[0] as string, now);
    if (ready.state !== 'prematch') throw new Error('not matched');
    for (const p of ready.players) await acceptMatch(redis, { mode: '1v1', prematchId: ready.prematchId, playerId: p, now });
    now += 600;
    await leader.tick();
    expect(due).toEqual([]);
    now += CREATION_START_GRACE_MS;
    await leader.tick();
    expect(due).toEqual([ready.prematchId]);
  });

  it("why carries the estimated wait for a party of the lobby's size, from this leader's recent matches of that size", async () => {
    const t0 = 1_800_000_000_000;
    let now = t0;
    const leader = new MatchmakerLeader({ redis, queue: TEST_QUEUES.require('2v2'), ownerId: 'estimator', clock: () => now });
    const queued = async (size: number, at: number) => {
      const lobby = await makeLobby(redis, '2v2', size);
      await startQueue(redis, { queues: TEST_QUEUES, lobbyId: lobby.lobbyId, requesterId: lobby.host, now: at });
      return lobby.lobbyId;
    };
    for (let i = 0; i < 4; i++) await queued(1, t0);
    now = t0 + 2000;
    expect((await leader.tick()).claimed).toBe(1); // four solos, each waited 2 s
    const solo = await queued(1, now);
    const duo = await queued(2, now);
    now = t0 + 3500;
    expect((await leader.tick()).claimed).toBe(0); // 3 players: not a match
    const why = await readWhy(redis, '2v2', [solo, duo]);
    expect(why.get(solo)).toMatchObject({ estimatedWaitMs: 2000 });
    // No duo was matched yet: no estimate for a party of two (the screen shows the queue's).
    expect(why.get(duo)?.estimatedWaitMs).toBeUndefined();
    await leader.stop();
  });

  it('a new leader starts from the per-size waits its predecessor saved, so a party keeps its estimate across a leader change', async () => {
    const t0 = 1_800_000_000_000;
    let now = t0;
    const queued = async (size: number, at: number) => {
      const lobby = await makeLobby(redis, '2v2', size);
      await startQueue(redis, { queues: TEST_QUEUES, lobbyId: lobby.lobbyId, requesterId: lobby.host, now: at });
      return lobby.lobbyId;
    };
    const first = new MatchmakerLeader({ redis, queue: TEST_QUEUES.require('2v2'), ownerId: 'first', clock: () => now });
    for (let i = 0; i < 4; i++) await queued(1, t0);
    now = t0 + 3000;
    expect((await first.tick()).claimed).toBe(1); // four solos, each waited 3 s
    await first.stop(); // releases the lease

    const next = new MatchmakerLeader({ redis, queue: TEST_QUEUES.require('2v2'), ownerId: 'next', clock: () => now });
    const solo = await queued(1, now);
    now += 1000;
    expect(await next.tick()).toMatchObject({ leader: true, claimed: 0 });
    expect((await readWhy(redis, '2v2', [solo])).get(solo)).toMatchObject({ estimatedWaitMs: 3000 });
    await next.stop();
  });
});
