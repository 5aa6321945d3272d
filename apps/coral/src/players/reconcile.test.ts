/**
 * Reconciler.refresh against real Redis: refreshes of one player asked for in the same turn
 * share one view read and one snapshot (a no-show game's `left` and `game_over` arrive
 * together), each asker's messages still go out, in order; a refresh asked after the read went
 * out gets a read of its own. Registry and Notify are recorders here: what is under test is
 * when the Reconciler reads and what it hands on.
 */
import { describe, expect, it } from 'vitest';
import pino from 'pino';
import type { CoralServerMessage, Lobby } from '@glaceon/protocol';
import { getLobby, type PlayerMatchView, type RedisClient } from '@glaceon/store';
import { makeLobby, useRealRedis } from '@glaceon/store/testing';
import { Reconciler } from './reconcile.js';
import type { PlayerLocalState } from './registry.js';

describe('Reconciler.refresh', () => {
  let redis: RedisClient;
  useRealRedis((ready) => (redis = ready.redis));

  function setup(playerId: string) {
    const entry: PlayerLocalState = { playerId, slot: 0, sockets: new Set(), known: { state: 'unknown' } };
    const log: Array<{ sent: CoralServerMessage } | { snapshot: PlayerMatchView; lobby: Lobby | null }> = [];
    const reconciler = new Reconciler({
      redis,
      config: { reconcileMs: 5000, graceMs: 30_000 },
      metrics: { recoveries: { inc: () => undefined } } as never,
      log: pino({ level: 'silent' }),
      registry: { get: (p) => (p === playerId ? entry : undefined), inSlot: () => [entry].values(), reconciled: () => undefined },
      notify: { send: (_p, m) => log.push({ sent: m }) > 0, snapshot: (_e, view, lobby) => void log.push({ snapshot: view, lobby }) },
      games: { waiting: () => undefined },
    });
    return { reconciler, log };
  }
  const ended = (gameId: string): CoralServerMessage => ({ type: 'game.ended', gameId, result: {} });

  it('two refreshes in one turn: one read, both messages in order, one snapshot with the lobby of that read', async () => {
    const l = await makeLobby(redis, '2v2', 1);
    const { reconciler, log } = setup(l.host);
    const views: PlayerMatchView[] = [];
    await Promise.all([reconciler.refresh([l.host], (_e, v) => (views.push(v), [])), reconciler.refresh([l.host], (_e, v) => (views.push(v), [ended('g_1')]))]);
    expect(views).toHaveLength(2);
    expect(views[1]).toBe(views[0]);
    expect(log).toEqual([
      { sent: ended('g_1') },
      { snapshot: { state: 'idle', lobbyId: l.lobbyId, idleReason: null, lastResult: null }, lobby: await getLobby(redis, l.lobbyId) },
    ]);
  });

  it('a refresh asked after the read went out gets its own read and snapshot', async () => {
    const l = await makeLobby(redis, '2v2', 1);
    const { reconciler, log } = setup(l.host);
    const first = reconciler.refresh([l.host], () => [ended('g_a')]);
    // The first refresh waits one turn for others to join, then takes its askers out and reads.
    await new Promise((r) => setImmediate(r));
    const second = reconciler.refresh([l.host], () => [ended('g_b')]);
    await Promise.all([first, second]);
    expect(log.map((e) => ('sent' in e ? (e.sent as { gameId: string }).gameId : 'snapshot'))).toEqual(['g_a', 'snapshot', 'g_b', 'snapshot']);
  });

  it('a player no longer held here is skipped without a read', async () => {
    const { reconciler, log } = setup('p_someone');
    await reconciler.refresh(['p_gone'], () => [ended('g_x')]);
    expect(log).toEqual([]);
  });
});
