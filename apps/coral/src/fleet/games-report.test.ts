import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fleetDecoders, type FleetRegisterRequest } from '@glaceon/protocol';
import { fleetServerKey } from '@glaceon/protocol/node';
import { allocateServer, getFleetGame } from '@glaceon/store';
import { startRedis, type RedisHandle } from '@glaceon/testkit';
import { startFleetHarness, type FleetHarness } from '../test-support/fleet-harness.js';

const SERVER = 'ms_gr1';
const registration: FleetRegisterRequest = {
  address: '127.0.0.1:7100',
  controlUrl: 'http://127.0.0.1:7101',
  region: 'eu',
  capacity: 8,
  version: 'test',
  instanceId: 'instance-gr',
};

describe('POST /v1/fleet/reports: several games in one request (coral-perf-011)', () => {
  let h: FleetHarness;
  let redisServer: RedisHandle;
  const post = async (path: string, body: unknown, as = SERVER, credential: string | null = fleetServerKey(h.fleetKey, as)) => {
    const res = await fetch(`${h.url}${path}`, {
      method: path === `/v1/fleet/servers/${as}` ? 'PUT' : 'POST',
      headers: { 'content-type': 'application/json', ...(credential === null ? {} : { authorization: `Bearer ${credential}`, 'x-glaceon-server': as }) },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: res.status, text: await res.text() };
  };
  const report = (games: unknown[], as = SERVER, serverId = SERVER) => post('/v1/fleet/reports', { serverId, games }, as);
  const noshow = (playerId: string, serverId = SERVER) => ({ type: 'player.noshow', serverId, playerId });
  const ended = { type: 'game.ended', serverId: SERVER, reason: 'abandoned' };
  const results = (text: string) => {
    const decoded = fleetDecoders.gamesReportAnswer.decodeText(text);
    if (!decoded.ok) throw new Error(`not a games report answer: ${text}`);
    return decoded.value.results;
  };
  /** Everything a report could have changed: the player events and game ends heard, and each game's record. */
  const snapshot = async (gameIds: string[]) => ({
    events: h.playerEvents.length,
    ended: h.ended.length,
    games: await Promise.all(gameIds.map((g) => getFleetGame(h.redis, g))),
  });

  beforeAll(async () => {
    redisServer = await startRedis();
    h = await startFleetHarness({ redisUrl: redisServer.url, heartbeatMs: 5000, ttlMs: 15_000, sweepMs: 1000 });
    expect((await post(`/v1/fleet/servers/${SERVER}`, registration)).status).toBe(200);
    for (const g of ['g_gr1', 'g_gr2', 'g_gr3', 'g_gr4']) {
      const roster = [
        { playerId: `p_${g}a`, name: 'A', team: 0 },
        { playerId: `p_${g}b`, name: 'B', team: 1 },
      ];
      expect((await allocateServer(h.redis, { gameId: g, mode: '1v1', roster }))?.serverId).toBe(SERVER);
    }
  });
  afterAll(async () => {
    await h.close();
    await redisServer.stop();
  });

  it('acts on each game as the per-game route would, and answers each game its own status', async () => {
    const games = [
      { gameId: 'g_gr1', reports: [noshow('p_g_gr1a'), noshow('p_g_gr1b'), ended] },
      { gameId: 'g_gr2', reports: [{ type: 'player.connected', serverId: SERVER, playerId: 'p_g_gr2a' }] },
      // Not a game of this fleet: that game's answer is a 404, the others stand.
      { gameId: 'g_grnope', reports: [ended] },
      // One refused report inside a game: skipped and named, the one before it applied.
      { gameId: 'g_gr3', reports: [noshow('p_g_gr3a'), noshow('p_g_gr3b', 'ms_other')] },
    ];
    const first = await report(games);
    expect(first.status).toBe(200);
    expect(results(first.text)).toEqual([
      { gameId: 'g_gr1', status: 200, body: { gameId: 'g_gr1', state: 'ended', duplicate: false } },
      { gameId: 'g_gr2', status: 200, body: { gameId: 'g_gr2', state: 'running', duplicate: false } },
      { gameId: 'g_grnope', status: 404, body: expect.objectContaining({ code: 'NOT_FOUND' }) as unknown },
      { gameId: 'g_gr3', status: 403, body: expect.objectContaining({ code: 'FORBIDDEN', path: '/reports/1/serverId' }) as unknown },
    ]);
    expect((await getFleetGame(h.redis, 'g_gr1'))?.state).toBe('ended');
    expect(h.ended.filter((e) => e.gameId === 'g_gr1')).toHaveLength(1);
    expect(h.playerEvents.filter((e) => e.gameId !== 'g_gr1').map((e) => `${e.gameId} ${e.playerId} ${e.kind}`)).toEqual([
      'g_gr2 p_g_gr2a connected',
      'g_gr3 p_g_gr3a noshow',
    ]);
    // The same request again changes nothing: every report is idempotent.
    const before = await snapshot(['g_gr1', 'g_gr2', 'g_gr3']);
    const again = await report(games);
    expect(results(again.text).map((r) => [r.gameId, r.status, 'duplicate' in r.body ? r.body.duplicate : r.body.code])).toEqual([
      ['g_gr1', 200, true],
      ['g_gr2', 200, true],
      ['g_grnope', 404, 'NOT_FOUND'],
      ['g_gr3', 403, 'FORBIDDEN'],
    ]);
    expect(await snapshot(['g_gr1', 'g_gr2', 'g_gr3'])).toEqual(before);
  });

  it('takes a full request (64 games of 32 reports, past the 64 KiB of a single report) and answers every game', async () => {
    const games = Array.from({ length: 64 }, (_, i) => ({
      gameId: `g_grfull${String(i).padStart(20, '0')}`,
      reports: Array.from({ length: 32 }, (_, j) => ({ type: 'player.connected', serverId: SERVER, playerId: `p_grfull${String(j).padStart(20, '0')}` })),
    }));
    expect(JSON.stringify({ serverId: SERVER, games }).length).toBeGreaterThan(128 * 1024);
    const answer = await report(games);
    expect(answer.status).toBe(200);
    // None of these games is allocated: each is answered on its own, in the request's order.
    expect(results(answer.text).map((r) => [r.gameId, r.status])).toEqual(games.map((g) => [g.gameId, 404]));
  });

  it('refuses a bad request whole and changes nothing', async () => {
    const games = ['g_gr4', 'g_gr2', 'g_gr3'];
    const before = await snapshot(games);
    const fine = { gameId: 'g_gr4', reports: [noshow('p_g_gr4a')] };
    // Another server's credential, or no credential at all.
    expect(await report([fine], 'ms_other')).toMatchObject({ status: 403 });
    expect((await post('/v1/fleet/reports', { serverId: SERVER, games: [fine] }, SERVER, null)).status).toBe(401);
    // A game named twice: its reports could race each other.
    const twice = await report([fine, { gameId: 'g_gr2', reports: [noshow('p_g_gr2b')] }, fine]);
    expect(twice.status).toBe(400);
    expect(JSON.parse(twice.text)).toMatchObject({ code: 'INVALID_MESSAGE', path: '/games/2/gameId' });
    // Over the count caps, empty, malformed, or an unknown report type.
    const many = Array.from({ length: 65 }, (_, i) => ({ gameId: `g_grmany${i}`, reports: [ended] }));
    expect(await report(many)).toMatchObject({ status: 400 });
    expect(await report([{ gameId: 'g_gr4', reports: Array.from({ length: 33 }, () => noshow('p_g_gr4a')) }])).toMatchObject({ status: 400 });
    expect(await report([])).toMatchObject({ status: 400 });
    expect(await report([fine, { gameId: 'g_gr3', reports: [{ type: 'player.jumped', serverId: SERVER, playerId: 'p_g_gr3b' }] }])).toMatchObject({
      status: 400,
    });
    expect((await post('/v1/fleet/reports', '{nope')).status).toBe(400);
    expect((await post('/v1/fleet/reports', 'x'.repeat(600 * 1024))).status).toBe(413);
    expect(await snapshot(games)).toEqual(before);
  });
});
