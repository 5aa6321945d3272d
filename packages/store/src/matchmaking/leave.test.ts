/**
 * Issue #12, item 10 at the store: leave-game-1.lua (and end-game-1.lua's filter) against a real
 * redis-server. Only an `ingame` entry of that game leaves; its lobby goes idle with `left_game`;
 * a repeat is harmless; the game's later end neither touches a lobby that queued again (fenced
 * by ticket and seq) nor names the departed players in its game_over event.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startRedis, type RedisHandle } from '@glaceon/testkit';
import { closeRedis, createRedis, type RedisClient } from '../redis.js';
import { keys } from '../keys.js';
import {
  acceptMatch,
  acquireOrRenewLease,
  claimPrematch,
  endGame,
  findGameEntry,
  getPlayerMatchView,
  leaveGameEntry,
  markGameCreating,
  markGameReady,
  startQueue,
  subscribeQueueEvents,
  type QueueEventSubscription,
} from './index.js';
import type { QueueEvent } from './types.js';
import { makeLobby } from '../test-support/lobbies.js';
import { TEST_QUEUES } from '../test-support/queues.js';

describe('leaving a running game early (leave-game-1.lua)', () => {
  let server: RedisHandle;
  let redis: RedisClient;
  let sub: QueueEventSubscription;
  const events: QueueEvent[] = [];
  beforeAll(async () => {
    server = await startRedis();
    redis = createRedis(server.url);
    sub = await subscribeQueueEvents(redis, ['2v2'], { onEvent: (e) => events.push(e) });
  });
  beforeEach(async () => {
    await redis.flushall();
    events.length = 0;
  });
  afterAll(async () => {
    await sub.close();
    await closeRedis(redis);
    await server.stop();
  });

  /** Two lobbies of two in a 2v2 game that is ready. */
  async function inGame(now: number) {
    const { epoch } = await acquireOrRenewLease(redis, '2v2', 'leader', 600_000);
    const a = await makeLobby(redis, '2v2', 2);
    const b = await makeLobby(redis, '2v2', 2);
    const ta = await startQueue(redis, { queues: TEST_QUEUES, lobbyId: a.lobbyId, requesterId: a.host, now });
    const tb = await startQueue(redis, { queues: TEST_QUEUES, lobbyId: b.lobbyId, requesterId: b.host, now });
    const claim = await claimPrematch(redis, { mode: '2v2', epoch, proposal: { tickets: [ta.ticket, tb.ticket], teams: [[ta.ticket], [tb.ticket]] }, now });
    if (!claim.ok) throw new Error('claim');
    let gameId = '';
    for (const p of [...a.players, ...b.players])
      gameId = (await acceptMatch(redis, { mode: '2v2', prematchId: claim.prematchId, playerId: p, now })).gameId ?? gameId;
    await markGameCreating(redis, { mode: '2v2', prematchId: claim.prematchId, ownerId: 'coral-a', now });
    await markGameReady(redis, { mode: '2v2', prematchId: claim.prematchId, serverId: 'ms_a', address: '127.0.0.1:7100', now });
    return { a, b, ta, tb, pm: claim.prematchId, gameId };
  }

  async function until(pred: () => boolean): Promise<void> {
    const deadline = Date.now() + 5000;
    while (!pred()) {
      if (Date.now() > deadline) throw new Error(`no such event in ${JSON.stringify(events.map((e) => e.type))}`);
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  it("finds the caller's entry in that game only; the lobby goes idle (left_game); a repeat is harmless", async () => {
    const m = await inGame(1000);
    const entry = await findGameEntry(redis, m.a.players[1]!, m.gameId);
    expect(entry).toMatchObject({ lobbyId: m.a.lobbyId, mode: '2v2', ticket: m.ta.ticket, gameId: m.gameId });
    expect(entry.players.sort()).toEqual([...m.a.players].sort());
    await expect(findGameEntry(redis, m.a.host, 'g_another0000000000000')).rejects.toMatchObject({ code: 'WRONG_STATE' });
    await expect(leaveGameEntry(redis, { mode: '2v2', ticket: m.ta.ticket, gameId: 'g_another0000000000000', now: 2000 })).rejects.toMatchObject({
      code: 'WRONG_STATE',
    });

    expect(await leaveGameEntry(redis, { mode: '2v2', ticket: m.ta.ticket, gameId: m.gameId, now: 2000 })).toEqual({ left: true });
    expect(await redis.hgetall(keys.lobby(m.a.lobbyId))).toMatchObject({ state: 'idle', idleReason: 'left_game', ticket: '' });
    for (const p of m.a.players) expect(await getPlayerMatchView(redis, p)).toMatchObject({ state: 'idle', idleReason: 'left_game' });
    // The other lobby plays on.
    expect(await getPlayerMatchView(redis, m.b.host)).toMatchObject({ state: 'ingame', gameId: m.gameId });
    await until(() => events.some((e) => e.type === 'left' && e.reason === 'left_game'));
    expect(events.find((e) => e.type === 'left')).toMatchObject({ ticket: m.ta.ticket, lobbyId: m.a.lobbyId });

    expect(await leaveGameEntry(redis, { mode: '2v2', ticket: m.ta.ticket, gameId: m.gameId, now: 2500 })).toEqual({ left: false });
    expect(await redis.hget(keys.lobby(m.a.lobbyId), 'idleReason')).toBe('left_game');
    await expect(findGameEntry(redis, m.a.host, m.gameId)).rejects.toMatchObject({ code: 'WRONG_STATE' });
  });

  it('refuses an entry that is not in a game (queued)', async () => {
    const a = await makeLobby(redis, '2v2', 1);
    const t = await startQueue(redis, { queues: TEST_QUEUES, lobbyId: a.lobbyId, requesterId: a.host, now: 1000 });
    await expect(findGameEntry(redis, a.host, 'g_x000000000000000000000')).rejects.toMatchObject({ code: 'WRONG_STATE' });
    await expect(leaveGameEntry(redis, { mode: '2v2', ticket: t.ticket, gameId: 'g_x000000000000000000000', now: 2000 })).rejects.toMatchObject({
      code: 'WRONG_STATE',
    });
    expect(await redis.hget(keys.lobby(a.lobbyId), 'state')).toBe('queued');
  });

  it("the game's later end does not touch a lobby that queued again, and its game_over names only the players still in it", async () => {
    const m = await inGame(1000);
    await leaveGameEntry(redis, { mode: '2v2', ticket: m.ta.ticket, gameId: m.gameId, now: 2000 });
    const again = await startQueue(redis, { queues: TEST_QUEUES, lobbyId: m.a.lobbyId, requesterId: m.a.host, now: 3000 });
    await endGame(redis, { gameId: m.gameId, result: { winningTeam: 1 }, now: 4000 });
    expect(await redis.hgetall(keys.lobby(m.a.lobbyId))).toMatchObject({ state: 'queued', ticket: again.ticket });
    expect(await redis.hget(keys.lobby(m.a.lobbyId), 'lastResult')).not.toContain('winningTeam');
    expect(await redis.hgetall(keys.lobby(m.b.lobbyId))).toMatchObject({ state: 'idle', idleReason: 'game_over' });
    await until(() => events.some((e) => e.type === 'game_over'));
    const over = events.find((e) => e.type === 'game_over');
    expect([...over!.players].sort()).toEqual([...m.b.players].sort());
  });
});
