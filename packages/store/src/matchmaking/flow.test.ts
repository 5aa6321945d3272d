import { describe, expect, it } from 'vitest';
import { GlaceonError } from '@glaceon/protocol';
import type { RedisHandle } from '@glaceon/testkit';
import { closeRedis, createRedis, type RedisClient } from '../redis.js';
import { keys } from '../keys.js';
import {
  acceptMatch,
  acquireOrRenewLease,
  cancelQueue,
  claimPrematch,
  declineMatch,
  endGame,
  getGame,
  getPlayerMatchView,
  getQueueStats,
  listWaiting,
  markGameCreating,
  markGameReady,
  startQueue,
} from './index.js';
import { makeLobby } from '../test-support/lobbies.js';
import { useRealRedis } from '../test-support/real-redis.js';
import { TEST_QUEUES } from '../test-support/queues.js';

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'ok';
  } catch (e) {
    return e instanceof GlaceonError ? e.code : String(e);
  }
}

describe('matchmaking flow', () => {
  let server: RedisHandle;
  let redis: RedisClient;
  useRealRedis((ready) => {
    server = ready.server;
    redis = ready.redis;
  });

  it('queues, claims, accepts, creates a game and ends it', async () => {
    const a = await makeLobby(redis, '2v2', 2);
    const b = await makeLobby(redis, '2v2', 1);
    const c = await makeLobby(redis, '2v2', 1);
    const t0 = 1_000_000;
    const ta = await startQueue(redis, { queues: TEST_QUEUES, lobbyId: a.lobbyId, requesterId: a.host, now: t0 });
    const tb = await startQueue(redis, { queues: TEST_QUEUES, lobbyId: b.lobbyId, requesterId: b.host, now: t0 + 1 });
    const tc = await startQueue(redis, { queues: TEST_QUEUES, lobbyId: c.lobbyId, requesterId: c.host, now: t0 + 2 });
    expect(await redis.hget(keys.lobby(a.lobbyId), 'state')).toBe('queued');
    expect(await getPlayerMatchView(redis, a.players[1] as string)).toMatchObject({ state: 'queued', mode: '2v2', queuedAt: t0, partySize: 2 });
    expect((await getQueueStats(redis, '2v2')).searching).toBe(4);
    const waiting = await listWaiting(redis, '2v2');
    expect(waiting.map((w) => w.ticket)).toEqual([ta.ticket, tb.ticket, tc.ticket]);
    expect(waiting[0]).toMatchObject({ size: 2, rating: 1500, lobbyId: a.lobbyId });

    const lease = await acquireOrRenewLease(redis, '2v2', 'coral-1', 5000);
    expect(lease.leader).toBe(true);
    const claim = await claimPrematch(redis, {
      mode: '2v2',
      epoch: lease.epoch,
      proposal: { tickets: [ta.ticket, tb.ticket, tc.ticket], teams: [[ta.ticket], [tb.ticket, tc.ticket]] },
      now: t0 + 10,
    });
    if (!claim.ok) throw new Error('claim failed');
    expect(claim.players).toHaveLength(4);
    // The ready check is not mirrored: the lobby reads queued, the view reads the entry.
    expect(await redis.hget(keys.lobby(b.lobbyId), 'state')).toBe('queued');
    const view = await getPlayerMatchView(redis, b.host, t0 + 11);
    expect(view).toMatchObject({ state: 'prematch', prematchId: claim.prematchId, deadline: t0 + 10 + 20_000, youAccepted: false });
    expect((await getQueueStats(redis, '2v2')).searching).toBe(0);

    for (const p of [...a.players, b.host]) {
      const r = await acceptMatch(redis, { mode: '2v2', prematchId: claim.prematchId, playerId: p, now: t0 + 20 });
      expect(r.allAccepted).toBe(false);
    }
    const last = await acceptMatch(redis, { mode: '2v2', prematchId: claim.prematchId, playerId: c.host, now: t0 + 30 });
    expect(last.allAccepted).toBe(true);
    expect(await redis.hget(keys.lobby(c.lobbyId), 'state')).toBe('ingame');
    expect(await getPlayerMatchView(redis, c.host)).toMatchObject({ state: 'ingame', game: 'creating', gameId: last.gameId });

    const job = await markGameCreating(redis, { mode: '2v2', prematchId: claim.prematchId, ownerId: 'coral-1', now: t0 + 40 });
    expect(job.owner).toBe(true);
    const other = await markGameCreating(redis, { mode: '2v2', prematchId: claim.prematchId, ownerId: 'coral-2', now: t0 + 41 });
    expect(other.owner).toBe(false);
    const ready = await markGameReady(redis, { mode: '2v2', prematchId: claim.prematchId, serverId: 'ms_1', address: '127.0.0.1:7000', now: t0 + 50 });
    expect(ready).toMatchObject({ gameId: last.gameId, created: true, serverId: 'ms_1' });
    // A retry (or another Coral) with another server gets the first one: one game per prematch.
    const again = await markGameReady(redis, { mode: '2v2', prematchId: claim.prematchId, serverId: 'ms_2', address: '127.0.0.1:7001', now: t0 + 60 });
    expect(again).toMatchObject({ gameId: last.gameId, created: false, serverId: 'ms_1', address: '127.0.0.1:7000' });
    expect(await getPlayerMatchView(redis, a.host)).toMatchObject({ state: 'ingame', game: 'ready', address: '127.0.0.1:7000' });

    expect(await endGame(redis, { gameId: last.gameId, result: { winner: 0 }, now: t0 + 70 })).toEqual({ ended: true });
    expect(await endGame(redis, { gameId: last.gameId, result: { winner: 0 }, now: t0 + 71 })).toEqual({ ended: false });
    // The result names the teams (player ids, Moonstone's numbering) so each player can tell victory from defeat.
    const teams = (await getGame(redis, last.gameId))!.teams;
    expect(teams.flat().sort()).toEqual([...a.players, ...b.players, ...c.players].sort());
    for (const l of [a, b, c]) {
      const h = await redis.hgetall(keys.lobby(l.lobbyId));
      expect(h).toMatchObject({ state: 'idle', ticket: '', idleReason: 'game_over' });
      expect(JSON.parse(h.lastResult!)).toEqual({ winner: 0, teams });
    }
    expect(await getPlayerMatchView(redis, a.players[1] as string)).toMatchObject({ state: 'idle', idleReason: 'game_over', lastResult: { winner: 0, teams } });
  });

  it('rejects bad starts with typed errors and changes nothing', async () => {
    const a = await makeLobby(redis, '1v1', 1);
    const big = await makeLobby(redis, '2v2', 2);
    await redis.hset(keys.lobby(big.lobbyId), 'mode', '1v1');
    const before = await redis.hgetall(keys.lobby(big.lobbyId));
    const queueKeysBefore = (await redis.keys('{q:*')).sort();
    expect(await code(startQueue(redis, { queues: TEST_QUEUES, lobbyId: big.lobbyId, requesterId: big.host }))).toBe('PARTY_TOO_LARGE');
    expect(await code(startQueue(redis, { queues: TEST_QUEUES, lobbyId: big.lobbyId, requesterId: big.players[1] as string }))).toBe('NOT_HOST');
    expect(await code(startQueue(redis, { queues: TEST_QUEUES, lobbyId: big.lobbyId, requesterId: a.host }))).toBe('NOT_IN_LOBBY');
    expect(await code(startQueue(redis, { queues: TEST_QUEUES, lobbyId: 'l_nope', requesterId: a.host }))).toBe('NOT_FOUND');
    expect(await redis.hgetall(keys.lobby(big.lobbyId))).toEqual(before);
    expect((await redis.keys('{q:*')).sort()).toEqual(queueKeysBefore);
    await startQueue(redis, { queues: TEST_QUEUES, lobbyId: a.lobbyId, requesterId: a.host });
    expect(await code(startQueue(redis, { queues: TEST_QUEUES, lobbyId: a.lobbyId, requesterId: a.host }))).toBe('LOBBY_NOT_IDLE');
    expect(await code(cancelQueue(redis, { lobbyId: a.lobbyId, requesterId: big.host, reason: 'cancelled' }))).toBe('NOT_IN_LOBBY');
    await cancelQueue(redis, { lobbyId: a.lobbyId, requesterId: a.host, reason: 'cancelled' });
    expect(await redis.hgetall(keys.lobby(a.lobbyId))).toMatchObject({ state: 'idle', idleReason: 'cancelled', ticket: '' });
    expect(await getPlayerMatchView(redis, a.host)).toMatchObject({ state: 'idle', idleReason: 'cancelled' });
  });

  it('concurrent starts of one lobby: exactly one ticket lives, the others are refused and fenced', async () => {
    const l = await makeLobby(redis, '2v2', 2);
    const conns = Array.from({ length: 4 }, () => createRedis(server.url));
    try {
      const results = await Promise.all(conns.map((c) => code(startQueue(c, { queues: TEST_QUEUES, lobbyId: l.lobbyId, requesterId: l.host }))));
      expect(results.filter((r) => r === 'ok')).toHaveLength(1);
      expect(results.filter((r) => r === 'LOBBY_NOT_IDLE')).toHaveLength(3);
      const ticket = await redis.hget(keys.lobby(l.lobbyId), 'ticket');
      const live = (await listWaiting(redis, '2v2')).filter((w) => w.lobbyId === l.lobbyId);
      expect(live.map((w) => w.ticket)).toEqual([ticket]);
      expect(await redis.zcard('{q:2v2}:outbox')).toBe(0);
      await cancelQueue(redis, { lobbyId: l.lobbyId, requesterId: l.players[1] as string, reason: 'member_left' });
      expect(await redis.hgetall(keys.lobby(l.lobbyId))).toMatchObject({ state: 'idle', idleReason: 'member_left' });
    } finally {
      await Promise.all(conns.map(closeRedis));
    }
  });

  it('a decline idles the decliner and requeues the others with their original queuedAt', async () => {
    const a = await makeLobby(redis, '1v1', 1);
    const b = await makeLobby(redis, '1v1', 1);
    const ta = await startQueue(redis, { queues: TEST_QUEUES, lobbyId: a.lobbyId, requesterId: a.host, now: 5000 });
    const tb = await startQueue(redis, { queues: TEST_QUEUES, lobbyId: b.lobbyId, requesterId: b.host, now: 6000 });
    const { epoch } = await acquireOrRenewLease(redis, '1v1', 'x', 5000);
    const claim = await claimPrematch(redis, {
      mode: '1v1',
      epoch,
      proposal: { tickets: [ta.ticket, tb.ticket], teams: [[ta.ticket], [tb.ticket]] },
      now: 9000,
    });
    if (!claim.ok) throw new Error('claim failed');
    // The claim leaves the lobby as it was (a ready check is not mirrored): queued since its search began.
    expect(await redis.hmget(keys.lobby(a.lobbyId), 'state', 'stateSince')).toEqual(['queued', '5000']);
    expect(await code(declineMatch(redis, { mode: '1v1', prematchId: claim.prematchId, playerId: 'p_stranger', now: 9001 }))).toBe('FORBIDDEN');
    await acceptMatch(redis, { mode: '1v1', prematchId: claim.prematchId, playerId: a.host, now: 9001 });
    await declineMatch(redis, { mode: '1v1', prematchId: claim.prematchId, playerId: b.host, now: 9002 });
    expect(await redis.hgetall(keys.lobby(b.lobbyId))).toMatchObject({ state: 'idle', idleReason: 'declined' });
    // The requeue is mirrored: its stateSince (after the match formed) tells a launcher that missed
    // match.cancelled that the ready check is over.
    expect(await redis.hgetall(keys.lobby(a.lobbyId))).toMatchObject({ state: 'queued', ticket: ta.ticket, stateSince: '9002' });
    expect(await getPlayerMatchView(redis, a.host)).toMatchObject({ state: 'queued', queuedAt: 5000, ticket: ta.ticket });
    expect((await listWaiting(redis, '1v1')).map((w) => [w.ticket, w.queuedAt])).toEqual([[ta.ticket, 5000]]);
    expect(await code(acceptMatch(redis, { mode: '1v1', prematchId: claim.prematchId, playerId: a.host, now: 9003 }))).toBe('NOT_FOUND');
    await cancelQueue(redis, { lobbyId: a.lobbyId, requesterId: a.host, reason: 'cancelled' });
  });
});
