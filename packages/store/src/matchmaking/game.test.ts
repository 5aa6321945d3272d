import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startRedis, type RedisHandle } from '@glaceon/testkit';
import { closeRedis, createRedis, type RedisClient } from '../redis.js';
import { keys } from '../keys.js';
import {
  abandonGameCreation,
  acceptMatch,
  acquireOrRenewLease,
  claimPrematch,
  endGame,
  gameIdOf,
  getGame,
  getPlayerMatchView,
  markGameCreating,
  markGameReady,
  prematchIdOf,
  startQueue,
  sweep,
} from './index.js';
import { script } from './scripts.js';
import { makeLobby } from '../test-support/lobbies.js';
import { TEST_QUEUES } from '../test-support/queues.js';

describe('game creation and end', () => {
  let server: RedisHandle;
  let redis: RedisClient;
  beforeAll(async () => {
    server = await startRedis();
    redis = createRedis(server.url);
  });
  beforeEach(async () => {
    await redis.flushall();
  });
  afterAll(async () => {
    await closeRedis(redis);
    await server.stop();
  });

  async function allAccepted(now: number) {
    const { epoch } = await acquireOrRenewLease(redis, '1v1', 'leader', 600_000);
    const a = await makeLobby(redis, '1v1', 1);
    const b = await makeLobby(redis, '1v1', 1);
    const ta = await startQueue(redis, { queues: TEST_QUEUES, lobbyId: a.lobbyId, requesterId: a.host, now });
    const tb = await startQueue(redis, { queues: TEST_QUEUES, lobbyId: b.lobbyId, requesterId: b.host, now });
    const claim = await claimPrematch(redis, { mode: '1v1', epoch, proposal: { tickets: [ta.ticket, tb.ticket], teams: [[ta.ticket], [tb.ticket]] }, now });
    if (!claim.ok) throw new Error('claim');
    await acceptMatch(redis, { mode: '1v1', prematchId: claim.prematchId, playerId: a.host, now });
    const last = await acceptMatch(redis, { mode: '1v1', prematchId: claim.prematchId, playerId: b.host, now });
    return { a, b, epoch, pm: claim.prematchId, gameId: last.gameId };
  }

  it('derives the game id from the prematch id', async () => {
    const m = await allAccepted(1000);
    expect(m.gameId).toBe(gameIdOf(m.pm));
    expect(prematchIdOf(m.gameId)).toBe(m.pm);
  });

  it('a creator that died after writing the game record: the retry (after its lease) reuses the record, one game only', async () => {
    const m = await allAccepted(1000);
    expect((await markGameCreating(redis, { mode: '1v1', prematchId: m.pm, ownerId: 'coral-a', now: 1000, leaseMs: 10_000 })).owner).toBe(true);
    // coral-a wrote the record (server ms_a) and died before marking the prematch ready.
    await script(redis, 'game-create')(
      [keys.game(m.gameId)],
      [
        JSON.stringify({
          id: m.gameId,
          mode: '1v1',
          prematchId: m.pm,
          serverId: 'ms_a',
          address: '127.0.0.1:7100',
          players: '[]',
          teams: '[]',
          lobbies: '[]',
          createdAt: '1000',
        }),
        60_000,
      ],
    );
    expect((await markGameCreating(redis, { mode: '1v1', prematchId: m.pm, ownerId: 'coral-b', now: 5000 })).owner).toBe(false);
    expect((await sweep(redis, '1v1', m.epoch, 11_001)).creationsDue).toEqual([m.pm]);
    expect((await markGameCreating(redis, { mode: '1v1', prematchId: m.pm, ownerId: 'coral-b', now: 11_001 })).owner).toBe(true);
    const ready = await markGameReady(redis, { mode: '1v1', prematchId: m.pm, serverId: 'ms_b', address: '127.0.0.1:7200', now: 11_002 });
    expect(ready).toMatchObject({ created: false, serverId: 'ms_a', address: '127.0.0.1:7100' });
    expect(await getPlayerMatchView(redis, m.a.host)).toMatchObject({ state: 'ingame', game: 'ready', serverId: 'ms_a' });
    expect((await sweep(redis, '1v1', m.epoch, 30_000)).creationsDue).toEqual([]);
    expect((await markGameCreating(redis, { mode: '1v1', prematchId: m.pm, ownerId: 'coral-c', now: 30_000 })).owner).toBe(false);
  });

  it('a lost server ends the game with server_lost; the record keeps the reason and the result', async () => {
    const m = await allAccepted(1000);
    await markGameReady(redis, { mode: '1v1', prematchId: m.pm, serverId: 'ms_a', address: '127.0.0.1:7100', now: 2000 });
    expect(await getGame(redis, m.gameId)).toMatchObject({ id: m.gameId, mode: '1v1', prematchId: m.pm, serverId: 'ms_a', endedAt: null });
    await endGame(redis, { gameId: m.gameId, result: null, reason: 'server_lost', now: 3000 });
    expect(await redis.hgetall(keys.lobby(m.a.lobbyId))).toMatchObject({ state: 'idle', idleReason: 'server_lost' });
    expect(await getGame(redis, m.gameId)).toMatchObject({ endedAt: 3000 });
    expect(await redis.pttl(keys.game(m.gameId))).toBeGreaterThan(0);
    await expect(endGame(redis, { gameId: 'g_unknown', result: null })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('abandoning a game that could not be created idles every lobby (server_lost), idempotently', async () => {
    const m = await allAccepted(1000);
    await abandonGameCreation(redis, { mode: '1v1', prematchId: m.pm, now: 2000 });
    await abandonGameCreation(redis, { mode: '1v1', prematchId: m.pm, now: 2001 });
    for (const l of [m.a, m.b]) expect(await getPlayerMatchView(redis, l.host)).toMatchObject({ state: 'idle', idleReason: 'server_lost' });
    await expect(markGameCreating(redis, { mode: '1v1', prematchId: m.pm, ownerId: 'x' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // The lobbies can queue again.
    await startQueue(redis, { queues: TEST_QUEUES, lobbyId: m.a.lobbyId, requesterId: m.a.host });
  });

  it('refuses game steps during the ready check', async () => {
    const { epoch } = await acquireOrRenewLease(redis, '1v1', 'leader', 600_000);
    const a = await makeLobby(redis, '1v1', 1);
    const b = await makeLobby(redis, '1v1', 1);
    const ta = await startQueue(redis, { queues: TEST_QUEUES, lobbyId: a.lobbyId, requesterId: a.host });
    const tb = await startQueue(redis, { queues: TEST_QUEUES, lobbyId: b.lobbyId, requesterId: b.host });
    const claim = await claimPrematch(redis, { mode: '1v1', epoch, proposal: { tickets: [ta.ticket, tb.ticket], teams: [[ta.ticket], [tb.ticket]] } });
    if (!claim.ok) throw new Error('claim');
    await expect(markGameCreating(redis, { mode: '1v1', prematchId: claim.prematchId, ownerId: 'x' })).rejects.toMatchObject({ code: 'WRONG_STATE' });
    await expect(markGameReady(redis, { mode: '1v1', prematchId: claim.prematchId, serverId: 'ms_a', address: '127.0.0.1:1' })).rejects.toMatchObject({
      code: 'WRONG_STATE',
    });
    await expect(abandonGameCreation(redis, { mode: '1v1', prematchId: claim.prematchId })).rejects.toMatchObject({ code: 'WRONG_STATE' });
    expect(await redis.exists(keys.game(gameIdOf(claim.prematchId)))).toBe(0);
  });
});
