import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis, type RedisHandle } from '@glaceon/testkit';
import { closeRedis, createRedis, type RedisClient } from '../redis.js';
import {
  abandonGameCreation,
  acceptMatch,
  acquireOrRenewLease,
  cancelQueue,
  claimPrematch,
  declineMatch,
  parseQueueEvent,
  queueEventMayConcern,
  queueEventWakesLeader,
  startQueue,
  subscribeQueueEvents,
  type QueueEvent,
  type QueueEventSubscription,
} from './index.js';
import { makeLobby } from '../test-support/lobbies.js';
import { TEST_QUEUES } from '../test-support/queues.js';

describe('queue events (sharded pub/sub)', () => {
  let server: RedisHandle;
  let redis: RedisClient;
  let sub: QueueEventSubscription;
  const events: QueueEvent[] = [];
  const raws: Array<[string, string]> = [];
  beforeAll(async () => {
    server = await startRedis();
    redis = createRedis(server.url);
    sub = await subscribeQueueEvents(redis, ['1v1'], { onRaw: (mode, raw) => raws.push([mode, raw]), onEvent: (e) => events.push(e) });
  });
  afterAll(async () => {
    await sub.close();
    await closeRedis(redis);
    await server.stop();
  });

  async function until(n: number): Promise<void> {
    const deadline = Date.now() + 5000;
    while (events.length < n) {
      if (Date.now() > deadline) throw new Error(`only ${events.length} events`);
      await new Promise((r) => setImmediate(r));
    }
  }

  async function untilEvent(match: (e: QueueEvent) => boolean): Promise<void> {
    const deadline = Date.now() + 5000;
    while (!events.some(match)) {
      if (Date.now() > deadline) throw new Error('event not heard');
      await new Promise((r) => setImmediate(r));
    }
  }

  it('publishes every transition with the affected players', async () => {
    const a = await makeLobby(redis, '1v1', 1);
    const b = await makeLobby(redis, '1v1', 1);
    const ta = await startQueue(redis, { queues: TEST_QUEUES, lobbyId: a.lobbyId, requesterId: a.host, now: 100 });
    const tb = await startQueue(redis, { queues: TEST_QUEUES, lobbyId: b.lobbyId, requesterId: b.host, now: 200 });
    await until(2);
    expect(events[0]).toEqual({ type: 'queued', mode: '1v1', ticket: ta.ticket, lobbyId: a.lobbyId, players: [a.host], queuedAt: 100, searching: 1 });
    expect(events[1]).toMatchObject({ type: 'queued', ticket: tb.ticket, searching: 2 });
    const { epoch } = await acquireOrRenewLease(redis, '1v1', 'l', 10_000);
    const claim = await claimPrematch(redis, {
      mode: '1v1',
      epoch,
      proposal: { tickets: [ta.ticket, tb.ticket], teams: [[ta.ticket], [tb.ticket]] },
      now: 300,
    });
    if (!claim.ok) throw new Error('claim');
    await until(3);
    expect(events[2]).toEqual({ type: 'prematch', mode: '1v1', pm: claim.prematchId, players: [a.host, b.host], deadline: 20_300 });
    await acceptMatch(redis, { mode: '1v1', prematchId: claim.prematchId, playerId: a.host, now: 400 });
    await until(4);
    expect(events[3]).toEqual({ type: 'accepted', mode: '1v1', pm: claim.prematchId, players: [a.host, b.host], accepted: [a.host] });
    await declineMatch(redis, { mode: '1v1', prematchId: claim.prematchId, playerId: b.host, now: 500 });
    await until(7);
    expect(
      events
        .slice(4)
        .map((e) => e.type)
        .sort(),
    ).toEqual(['left', 'ready_failed', 'requeued']);
    expect(events.find((e) => e.type === 'left')).toMatchObject({ players: [b.host], reason: 'declined' });
    expect(events.find((e) => e.type === 'requeued')).toMatchObject({ players: [a.host], queuedAt: 100 });
    await cancelQueue(redis, { lobbyId: a.lobbyId, requesterId: a.host, reason: 'cancelled' });
    await until(8);
    expect(events[7]).toMatchObject({ type: 'left', players: [a.host], reason: 'cancelled' });
    // Every payload reached the raw hook first, with its mode; exactly the new tickets wake a leader.
    expect(raws.map(([mode]) => mode)).toEqual(Array(8).fill('1v1'));
    expect(raws.filter(([, raw]) => queueEventWakesLeader(raw)).map(([, raw]) => parseQueueEvent(raw)?.type)).toEqual(['queued', 'queued', 'requeued']);
  });

  /** Two solo 1v1 lobbies queued at `now` and claimed into one ready check 100 ms later. */
  async function claimedPair(now: number) {
    const a = await makeLobby(redis, '1v1', 1);
    const b = await makeLobby(redis, '1v1', 1);
    const ta = await startQueue(redis, { queues: TEST_QUEUES, lobbyId: a.lobbyId, requesterId: a.host, now });
    const tb = await startQueue(redis, { queues: TEST_QUEUES, lobbyId: b.lobbyId, requesterId: b.host, now: now + 1 });
    const { epoch } = await acquireOrRenewLease(redis, '1v1', 'l', 10_000);
    const claim = await claimPrematch(redis, {
      mode: '1v1',
      epoch,
      proposal: { tickets: [ta.ticket, tb.ticket], teams: [[ta.ticket], [tb.ticket]] },
      now: now + 100,
    });
    if (!claim.ok) throw new Error('claim');
    return { a, b, claim };
  }

  it('the last accept of a ready check publishes game_creating and no accepted beside it', async () => {
    const { a, b, claim } = await claimedPair(1000);
    // The claim's own event first: the claim returns before it is heard.
    await untilEvent((e) => e.type === 'prematch' && e.pm === claim.prematchId);
    const from = events.length;
    await acceptMatch(redis, { mode: '1v1', prematchId: claim.prematchId, playerId: a.host, now: 1200 });
    await acceptMatch(redis, { mode: '1v1', prematchId: claim.prematchId, playerId: b.host, now: 1300 });
    await until(from + 2);
    // Let anything else published by the two scripts arrive before counting.
    await new Promise((r) => setTimeout(r, 100));
    const mine = events.slice(from).filter((e) => 'pm' in e && e.pm === claim.prematchId);
    expect(mine.map((e) => e.type)).toEqual(['accepted', 'game_creating']);
    expect(mine[0]).toMatchObject({ accepted: [a.host] });
  });

  it("a game's end publishes one game_over naming its players, and no left per ticket", async () => {
    const { a, b, claim } = await claimedPair(2000);
    await acceptMatch(redis, { mode: '1v1', prematchId: claim.prematchId, playerId: a.host, now: 2200 });
    await acceptMatch(redis, { mode: '1v1', prematchId: claim.prematchId, playerId: b.host, now: 2300 });
    await new Promise((r) => setTimeout(r, 100));
    const from = events.length;
    await abandonGameCreation(redis, { mode: '1v1', prematchId: claim.prematchId, now: 2400 });
    await until(from + 1);
    await new Promise((r) => setTimeout(r, 100));
    const after = events.slice(from);
    expect(after.map((e) => e.type)).toEqual(['game_over']);
    expect(after[0]).toMatchObject({ players: [a.host, b.host], reason: 'server_lost' });
    // The tickets died all the same: both lobbies are idle.
    expect(await redis.hget(`lobby:{${a.lobbyId}}`, 'state')).toBe('idle');
    expect(await redis.hget(`lobby:{${b.lobbyId}}`, 'state')).toBe('idle');
  });

  it('rejects malformed payloads', () => {
    const left = '"type":"left","mode":"1v1","ticket":"t_x","lobbyId":"l_x","reason":"cancelled"';
    expect(parseQueueEvent('nope')).toBeNull();
    // Queue ids are configuration (validated strings, docs/queues.md), no longer a compiled list: a malformed id is refused.
    expect(parseQueueEvent('{"type":"prematch","mode":"9 V 9!","pm":"pm_x","players":[],"deadline":1}')).toBeNull();
    expect(parseQueueEvent('{"type":"bogus","mode":"1v1","players":[]}')).toBeNull();
    expect(parseQueueEvent(`{${left},"players":[1]}`)).toBeNull();
    expect(parseQueueEvent(`{${left},"players":{}}`)).toMatchObject({ players: [] });
    // The old tag, a missing field, an extra field: all refused by the schema.
    expect(parseQueueEvent(`{${left.replace('"type"', '"e"')},"players":[]}`)).toBeNull();
    expect(parseQueueEvent('{"type":"left","mode":"1v1","players":[]}')).toBeNull();
    expect(parseQueueEvent(`{${left},"players":[],"extra":1}`)).toBeNull();
    expect(parseQueueEvent('{"type":"accepted","mode":"1v1","pm":"pm_x","players":["p_a"],"accepted":{}}')).toMatchObject({ accepted: [] });
  });
});

describe('raw pre-filters', () => {
  const held = new Set(['p_local1', 'p_local2']);
  const has = (p: string) => held.has(p);

  it('queueEventMayConcern keeps events naming a player held here, wherever the players key sits', () => {
    expect(queueEventMayConcern('{"type":"prematch","mode":"1v1","pm":"pm_x","players":["p_far","p_local2"],"deadline":1}', has)).toBe(true);
    expect(queueEventMayConcern('{"accepted":["p_far"],"type":"accepted","players":["p_local1","p_far"],"pm":"pm_x","mode":"1v1"}', has)).toBe(true);
  });

  it('queueEventMayConcern drops events for other players, empty lists (cjson writes {}) and malformed payloads', () => {
    expect(queueEventMayConcern('{"type":"prematch","players":["p_far","p_other"]}', has)).toBe(false);
    expect(queueEventMayConcern('{"type":"accepted","accepted":["p_local1"],"players":["p_far"]}', has)).toBe(false);
    expect(queueEventMayConcern('{"type":"left","players":{}}', has)).toBe(false);
    expect(queueEventMayConcern('{"players":["p_local1"', has)).toBe(false);
    expect(queueEventMayConcern('not json', has)).toBe(false);
    expect(queueEventMayConcern('{"players":["p_local1"]}', () => false)).toBe(false);
  });

  it('queueEventWakesLeader is true for new matchable tickets only', () => {
    expect(queueEventWakesLeader('{"mode":"1v1","type":"queued","players":["p_a"]}')).toBe(true);
    expect(queueEventWakesLeader('{"type":"requeued","mode":"1v1"}')).toBe(true);
    for (const type of ['left', 'prematch', 'accepted', 'ready_failed', 'game_creating', 'game_ready', 'game_over']) {
      expect(queueEventWakesLeader(`{"type":"${type}","mode":"1v1","players":["p_a"]}`)).toBe(false);
    }
    expect(queueEventWakesLeader('{"e":"queued"}')).toBe(false);
  });
});
