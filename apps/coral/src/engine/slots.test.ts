/**
 * A leader of a region slot (`1v1@eu`) against real Redis, with the injectable clock: an entry
 * whose worst member latency is above the limit is not matched (and its why says so) until the
 * limit has widened to it; spreading ranks are deterministic.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { getPlayerMatchView, readWhy, setPlayerLatencies, startQueue, type RedisClient } from '@glaceon/store';
import { makeLobby, REGION_TEST_QUEUES, useRealRedis } from '@glaceon/store/testing';
import { MatchmakerLeader, rendezvousTop } from './leader.js';

describe('rendezvous ranking', () => {
  it('is deterministic and spreads many slots over the candidates', () => {
    const corals = ['coral-a', 'coral-b', 'coral-c'];
    const counts = new Map<string, number>();
    for (let i = 0; i < 300; i++) {
      const top = rendezvousTop(`q${i}@r`, corals) as string;
      expect(rendezvousTop(`q${i}@r`, [...corals].reverse())).toBe(top);
      counts.set(top, (counts.get(top) ?? 0) + 1);
    }
    for (const c of corals) expect(counts.get(c)).toBeGreaterThan(60);
    expect(rendezvousTop('x', [])).toBeUndefined();
  });
});

describe('MatchmakerLeader of a region slot', () => {
  let redis: RedisClient;
  useRealRedis((ready) => (redis = ready.redis));
  beforeEach(async () => {
    await redis.flushall();
  });

  async function queueWith(latencies: Record<string, number>, now: number): Promise<{ lobbyId: string; slot: string }> {
    const lobby = await makeLobby(redis, '1v1', 1);
    await setPlayerLatencies(
      redis,
      lobby.host,
      Object.entries(latencies).map(([region, rttMs]) => ({ region, rttMs })),
      ['eu', 'us'],
    );
    const started = await startQueue(redis, { queues: REGION_TEST_QUEUES, lobbyId: lobby.lobbyId, requesterId: lobby.host, now });
    return { lobbyId: lobby.lobbyId, slot: started.mode };
  }

  it('matches an entry only once the limit (80 ms + 200 ms/s) reaches its latency; until then why is no_region_in_reach', async () => {
    const t0 = 1_800_000_000_000;
    let now = t0;
    const near = await queueWith({ eu: 20 }, t0);
    // 180 ms to eu (and us unknown to it): nowhere within 80 ms, so its nearest region eu; in reach after 0.5 s.
    const far = await queueWith({ eu: 180 }, t0);
    expect([near.slot, far.slot]).toEqual(['1v1@eu', '1v1@eu']);
    const queue = REGION_TEST_QUEUES.require('1v1');
    const leader = new MatchmakerLeader({ redis, queue, slot: '1v1@eu', ownerId: 'leader-1', clock: () => now });
    const first = await leader.tick();
    expect(first.leader).toBe(true);
    expect(first.waiting).toBe(2);
    expect(first.claimed).toBe(0);
    const why = await readWhy(redis, '1v1@eu', [near.lobbyId, far.lobbyId]);
    expect(why.get(far.lobbyId)).toMatchObject({ reason: 'no_region_in_reach', latencyMs: 180, latencyLimitMs: 80 });
    expect(why.get(near.lobbyId)).toMatchObject({ reason: 'few_players', latencyMs: 20, latencyLimitMs: 80 });

    now = t0 + 400; // limit 160 ms: still out of reach
    expect((await leader.tick()).claimed).toBe(0);
    now = t0 + 600; // limit 200 ms
    const matched = await leader.tick();
    expect(matched.claimed).toBe(1);
    expect(matched.quality[0]?.highestLatencyMs).toBe(180);
    await leader.stop();
  });

  it('an entry that did not report the slot`s region is never matched there', async () => {
    const t0 = 1_800_000_000_000;
    const a = await queueWith({ eu: 20 }, t0);
    const b = await queueWith({ us: 20 }, t0);
    expect([a.slot, b.slot]).toEqual(['1v1@eu', '1v1@us']);
    const c = await queueWith({ us: 10, eu: 30 }, t0); // both acceptable: us has more players searching
    expect(c.slot).toBe('1v1@us');
    const leader = new MatchmakerLeader({ redis, queue: REGION_TEST_QUEUES.require('1v1'), slot: '1v1@us', ownerId: 'leader-2', clock: () => t0 + 60_000 });
    const r = await leader.tick();
    expect(r.claimed).toBe(1);
    await leader.stop();
  });

  it('crossed players meet once the limit widens: one entry moves to the other region`s slot (queues-001 section 4) and they are matched there', async () => {
    const t0 = 1_800_000_000_000;
    let now = t0;
    // a is near eu, b near us; each is 120 ms from the other's region, out of reach at 80 ms.
    const a = await queueWith({ eu: 30, us: 120 }, t0);
    const b = await queueWith({ eu: 120, us: 30 }, t0);
    expect([a.slot, b.slot]).toEqual(['1v1@eu', '1v1@us']);
    const queue = REGION_TEST_QUEUES.require('1v1');
    const options = { redis, queue, clock: () => now, regionMoves: { hysteresisMs: 0 } };
    const eu = new MatchmakerLeader({ ...options, slot: '1v1@eu', ownerId: 'leader-eu' });
    const us = new MatchmakerLeader({ ...options, slot: '1v1@us', ownerId: 'leader-us' });
    for (const l of [eu, us]) expect(await l.tick()).toMatchObject({ leader: true, waiting: 1, claimed: 0, moved: 0 });

    now = t0 + 1100; // limit 80 + 200 ms/s * 1.1 s = 300 ms: each region is in reach of both
    const fromEu = await eu.tick();
    const fromUs = await us.tick();
    // Exactly one side moves (equal pools: towards the later region id), so they do not swap.
    expect([fromEu.moved, fromUs.moved]).toEqual([1, 0]);
    // The us leader's pass after the move reads both entries and claims the match.
    expect(fromUs.claimed).toBe(1);
    expect(fromUs.quality[0]?.highestLatencyMs).toBe(120);
    expect((await getPlayerMatchView(redis, (await lobbyHost(a.lobbyId)) as string)).state).toBe('prematch');
    expect(eu.counters.moves).toBe(1);
    for (const l of [eu, us]) await l.stop();
  });

  it('a player who never reported a latency is not stranded in a quiet slot: its entry follows the bigger pool and is matched there', async () => {
    const t0 = 1_800_000_000_000;
    let now = t0;
    const silentLobby = await makeLobby(redis, '1v1', 1);
    const silent = await startQueue(redis, { queues: REGION_TEST_QUEUES, lobbyId: silentLobby.lobbyId, requesterId: silentLobby.host, now: t0 });
    const usOnly = await queueWith({ us: 20 }, t0);
    expect([silent.mode, usOnly.slot]).toEqual(['1v1@eu', '1v1@us']);
    const queue = REGION_TEST_QUEUES.require('1v1');
    const options = { redis, queue, clock: () => now, regionMoves: { hysteresisMs: 0 } };
    const eu = new MatchmakerLeader({ ...options, slot: '1v1@eu', ownerId: 'leader-eu' });
    const us = new MatchmakerLeader({ ...options, slot: '1v1@us', ownerId: 'leader-us' });
    now = t0 + 1100;
    // Equal pools (one player each): the silent entry moves towards the later region id, us.
    expect(await eu.tick()).toMatchObject({ leader: true, moved: 1, claimed: 0 });
    const there = await us.tick();
    expect(there.claimed).toBe(1);
    expect((await getPlayerMatchView(redis, silentLobby.host)).state).toBe('prematch');
    for (const l of [eu, us]) await l.stop();
  });

  async function lobbyHost(lobbyId: string): Promise<string | null> {
    return redis.hget(`lobby:{${lobbyId}}`, 'host');
  }
});
