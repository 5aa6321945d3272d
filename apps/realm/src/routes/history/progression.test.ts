import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RealmClient } from '@glaceon/client';
import { applyGameResult } from '@glaceon/store';
import { PASSWORD, startStack, uniqueName, type Stack } from '../../test-support/harness.js';

describe('progression routes: profiles, history, leaderboards', () => {
  let stack: Stack;
  let ada: RealmClient, bo: RealmClient, cy: RealmClient;
  const id: Record<string, string> = {};
  const name: Record<string, string> = {};

  beforeAll(async () => {
    stack = await startStack(1);
    [ada, bo, cy] = [stack.client(), stack.client(), stack.client()];
    for (const [label, c] of [
      ['ada', ada],
      ['bo', bo],
      ['cy', cy],
    ] as const) {
      const r = await c.register(uniqueName(label), PASSWORD);
      id[label] = r.player.id;
      name[label] = r.player.name;
    }
    // ada and bo are friends; cy is a stranger.
    await ada.sendFriendRequest(name.bo!);
    await bo.acceptFriendRequest(id.ada!);
    await applyGameResult(stack.redis, {
      gameId: 'g_prog1',
      mode: '1v1',
      region: 'local',
      teams: 2,
      roster: [
        { playerId: id.ada!, name: name.ada!, team: 0 },
        { playerId: id.cy!, name: name.cy!, team: 1 },
      ],
      reason: 'completed',
      winningTeam: 0,
      startedAt: 1_000,
      endedAt: 31_000,
    });
  });
  afterAll(async () => stack.close());

  it('serves profiles to everyone, with rating, provisional state, games, wins and form', async () => {
    const p = await cy.profile(id.ada!);
    expect(p).toMatchObject({ id: id.ada, name: name.ada, historyVisible: false });
    const duel = p.queues.find((q) => q.queue === '1v1');
    expect(duel).toMatchObject({ games: 1, wins: 1, form: 'W', provisional: true, ranked: true });
    expect(duel?.tier).toBeUndefined();
    expect(duel?.mu).toBeGreaterThan(1500);
    expect((await bo.profile(id.ada!)).historyVisible).toBe(true);
    await expect(ada.profile('p_nobody')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it("shows history to the player and their friends only, paginated, and one game's details", async () => {
    const own = await ada.history(id.ada!);
    expect(own).toMatchObject({ playerId: id.ada, total: 1, offset: 0 });
    const [g] = own.games;
    expect(g).toMatchObject({ gameId: 'g_prog1', queue: '1v1', region: 'local', endReason: 'finished', rated: true, durationMs: 30_000, winningTeam: 0 });
    expect(g?.teams.map((t) => [t.result, t.players.map((p) => p.name)])).toEqual([
      ['win', [name.ada]],
      ['loss', [name.cy]],
    ]);
    expect(g?.teams[0]?.players[0]?.delta).toBe((g?.teams[0]?.players[0]?.after?.rating ?? 0) - (g?.teams[0]?.players[0]?.before?.rating ?? 0));
    expect((await bo.history(id.ada!, { offset: 0, limit: 5 })).games).toHaveLength(1);
    expect((await ada.history(id.ada!, { offset: 1 })).games).toEqual([]);
    await expect(cy.history(id.ada!)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(bo.history(id.cy!)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(ada.history(id.ada!, { limit: 500 })).rejects.toMatchObject({ code: 'INVALID_MESSAGE' });
    expect((await cy.game('g_prog1')).gameId).toBe('g_prog1'); // played in it
    expect((await bo.game('g_prog1')).gameId).toBe('g_prog1'); // a friend played in it
    const dee = stack.client();
    await dee.register(uniqueName('dee'), PASSWORD);
    await expect(dee.game('g_prog1')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(dee.game('g_missing')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('serves a leaderboard per ranked queue with the caller’s own position', async () => {
    const board = await ada.leaderboard('1v1');
    expect(board.total).toBe(2);
    expect(board.entries.map((e) => [e.position, e.name])).toEqual([
      [1, name.ada],
      [2, name.cy],
    ]);
    expect(board.me).toMatchObject({ position: 1, playerId: id.ada });
    expect((await cy.leaderboard('1v1')).me).toMatchObject({ position: 2 });
    expect((await bo.leaderboard('1v1')).me).toBeUndefined();
    expect((await bo.leaderboard('2v2')).entries).toEqual([]);
    await expect(bo.leaderboard('nope')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('documents every progression route in OpenAPI with its response schemas', async () => {
    const res = await fetch(`${stack.urls[0]}/openapi.json`);
    const doc = (await res.json()) as { paths: Record<string, Record<string, { responses: Record<string, unknown>; security?: unknown }>> };
    for (const path of ['/v1/profiles/{playerId}', '/v1/history/{playerId}', '/v1/history/games/{gameId}', '/v1/leaderboards/{queue}']) {
      const get = doc.paths[path]?.get;
      expect(get, path).toBeDefined();
      expect(Object.keys(get?.responses ?? {})).toEqual(expect.arrayContaining(['200', '4XX', '5XX']));
      expect(get?.security).toEqual([{ bearer: [] }]);
    }
  });
});
