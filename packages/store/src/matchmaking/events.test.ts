import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { startRedis, type RedisHandle } from '@glaceon/testkit';
import { closeRedis, createRedis, type RedisClient } from '../redis.js';
import { channels } from '../keys.js';
import { acceptMatch, acquireOrRenewLease, cancelQueue, claimPrematch, declineMatch, parseQueueEvent, startQueue, type QueueEvent } from './index.js';
import { makeLobby } from '../test-support/lobbies.js';

describe('queue events (sharded pub/sub)', () => {
  let server: RedisHandle;
  let redis: RedisClient;
  let sub: Redis;
  const events: QueueEvent[] = [];
  beforeAll(async () => {
    server = await startRedis();
    redis = createRedis(server.url);
    sub = new Redis(server.url);
    sub.on('smessage', (_channel: string, message: string) => {
      const e = parseQueueEvent(message);
      if (e) events.push(e);
    });
    await sub.ssubscribe(channels.queueEvents('1v1'));
  });
  afterAll(async () => {
    sub.disconnect();
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

  it('publishes every transition with the affected players', async () => {
    const a = await makeLobby(redis, '1v1', 1);
    const b = await makeLobby(redis, '1v1', 1);
    const ta = await startQueue(redis, { lobbyId: a.lobbyId, requesterId: a.host, now: 100 });
    const tb = await startQueue(redis, { lobbyId: b.lobbyId, requesterId: b.host, now: 200 });
    await until(2);
    expect(events[0]).toEqual({ e: 'queued', mode: '1v1', ticket: ta.ticket, lobbyId: a.lobbyId, players: [a.host], queuedAt: 100, searching: 1 });
    expect(events[1]).toMatchObject({ e: 'queued', ticket: tb.ticket, searching: 2 });
    const { epoch } = await acquireOrRenewLease(redis, '1v1', 'l', 10_000);
    const claim = await claimPrematch(redis, { mode: '1v1', epoch, proposal: { tickets: [ta.ticket, tb.ticket], teams: [[ta.ticket], [tb.ticket]] }, now: 300 });
    if (!claim.ok) throw new Error('claim');
    await until(3);
    expect(events[2]).toEqual({ e: 'prematch', mode: '1v1', pm: claim.prematchId, players: [a.host, b.host], deadline: 20_300 });
    await acceptMatch(redis, { mode: '1v1', prematchId: claim.prematchId, playerId: a.host, now: 400 });
    await until(4);
    expect(events[3]).toEqual({ e: 'accepted', mode: '1v1', pm: claim.prematchId, players: [a.host, b.host], accepted: [a.host] });
    await declineMatch(redis, { mode: '1v1', prematchId: claim.prematchId, playerId: b.host, now: 500 });
    await until(7);
    expect(events.slice(4).map((e) => e.e).sort()).toEqual(['left', 'ready_failed', 'requeued']);
    expect(events.find((e) => e.e === 'left')).toMatchObject({ players: [b.host], reason: 'declined' });
    expect(events.find((e) => e.e === 'requeued')).toMatchObject({ players: [a.host], queuedAt: 100 });
    await cancelQueue(redis, { lobbyId: a.lobbyId, requesterId: a.host, reason: 'cancelled' });
    await until(8);
    expect(events[7]).toMatchObject({ e: 'left', players: [a.host], reason: 'cancelled' });
  });

  it('rejects malformed payloads', () => {
    expect(parseQueueEvent('nope')).toBeNull();
    expect(parseQueueEvent('{"e":"prematch","mode":"9v9","players":[]}')).toBeNull();
    expect(parseQueueEvent('{"e":"bogus","mode":"1v1","players":[]}')).toBeNull();
    expect(parseQueueEvent('{"e":"left","mode":"1v1","players":[1]}')).toBeNull();
    expect(parseQueueEvent('{"e":"left","mode":"1v1","players":{}}')).toMatchObject({ players: [] });
  });
});
