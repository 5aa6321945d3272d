import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { fleetDecoders, type FleetAllocation, type FleetRegisterRequest } from '@glaceon/protocol';
import { allocateServer, DEFAULT_SKILL, displayRating, getFleetGame, getRatings, rateTeams, type Skill } from '@glaceon/store';
import { startRedis, type RedisHandle } from '@glaceon/testkit';
import { FleetPushVerifier, fleetServerKey } from '@glaceon/protocol/node';
import { pushAllocation } from './push.js';
import { startFleetHarness, waitFor, type FleetHarness } from '../test-support/fleet-harness.js';

const registration = (over: Partial<FleetRegisterRequest> = {}): FleetRegisterRequest => ({
  address: '127.0.0.1:7000',
  controlUrl: 'http://127.0.0.1:7001',
  region: 'eu',
  capacity: 2,
  version: 'test',
  instanceId: 'instance-1',
  ...over,
});

describe('fleet API', () => {
  let h: FleetHarness;
  let redisServer: RedisHandle;
  /**
   * A fleet call as the server it concerns (the id in the path, else the body's serverId), with
   * that server's own credential; `auth` overrides the bearer (null: no credential at all).
   */
  const call = async (method: string, path: string, body?: unknown, auth?: string | null, as?: string) => {
    const serverId =
      as ??
      /\/servers\/([^/]+)$/.exec(path)?.[1] ??
      (typeof body === 'object' && body !== null ? (body as { serverId?: string }).serverId : undefined) ??
      'ms_x';
    const operator = method === 'GET' && path === '/v1/fleet/servers';
    const bearer = auth === undefined ? (operator ? h.fleetKey : fleetServerKey(h.fleetKey, serverId)) : auth;
    const res = await fetch(`${h.url}${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(bearer === null ? {} : { authorization: `Bearer ${bearer}`, 'x-glaceon-server': serverId }),
      },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  beforeAll(async () => {
    redisServer = await startRedis();
    h = await startFleetHarness({ redisUrl: redisServer.url, heartbeatMs: 200, ttlMs: 600, sweepMs: 50 });
  });
  afterAll(async () => {
    await h.close();
    await redisServer.stop();
  });

  it('requires the server credential and answers typed errors for bad input, changing nothing', async () => {
    expect(await call('PUT', '/v1/fleet/servers/ms_x', registration(), null)).toMatchObject({ status: 401, body: { code: 'UNAUTHENTICATED' } });
    expect(await call('PUT', '/v1/fleet/servers/ms_x', registration(), 'wrong-key-wrong-key')).toMatchObject({ status: 401 });
    // The fleet secret itself is not a server credential, and one server's credential is no other's.
    expect(await call('PUT', '/v1/fleet/servers/ms_x', registration(), h.fleetKey)).toMatchObject({ status: 401 });
    expect(await call('PUT', '/v1/fleet/servers/ms_x', registration(), fleetServerKey(h.fleetKey, 'ms_y'))).toMatchObject({ status: 401 });
    expect(await call('PUT', '/v1/fleet/servers/ms_x', registration(), fleetServerKey(h.fleetKey, 'ms_y'), 'ms_y')).toMatchObject({
      status: 403,
      body: { code: 'FORBIDDEN', path: '/serverId' },
    });
    // Only loopback, the server's own address host, or configured hosts may receive pushes.
    expect(await call('PUT', '/v1/fleet/servers/ms_x', registration({ controlUrl: 'http://169.254.169.254/latest' }))).toMatchObject({
      status: 403,
      body: { code: 'FORBIDDEN', path: '/controlUrl' },
    });
    expect(await call('GET', '/v1/fleet/servers', undefined, fleetServerKey(h.fleetKey, 'ms_x'))).toMatchObject({ status: 401 });
    expect(await call('PUT', '/v1/fleet/servers/ms_x', '{nope')).toMatchObject({ status: 400, body: { code: 'BAD_JSON' } });
    expect(await call('PUT', '/v1/fleet/servers/ms_x', { ...registration(), capacity: 0 })).toMatchObject({
      status: 400,
      body: { code: 'INVALID_MESSAGE', path: '/capacity' },
    });
    expect(await call('PUT', '/v1/fleet/servers/ms_x', { ...registration(), extra: 1 })).toMatchObject({ status: 400, body: { code: 'INVALID_MESSAGE' } });
    expect(await call('PUT', '/v1/fleet/servers/not-an-id', registration(), undefined, 'ms_x')).toMatchObject({
      status: 400,
      body: { code: 'INVALID_MESSAGE' },
    });
    expect(await call('PUT', '/v1/fleet/servers/ms_x', 'x'.repeat(70_000))).toMatchObject({ status: 413, body: { code: 'PAYLOAD_TOO_LARGE' } });
    expect(await call('POST', '/v1/fleet/games/g_x/events', { type: 'player.jumped', serverId: 'ms_x' })).toMatchObject({
      status: 400,
      body: { code: 'UNKNOWN_TYPE' },
    });
    expect(await call('GET', '/v1/fleet/nothing')).toMatchObject({ status: 404, body: { code: 'NOT_FOUND' } });
    expect(await call('GET', '/v1/fleet/servers')).toEqual({ status: 200, body: { servers: [] } });
    expect(await h.redis.dbsize()).toBe(0);
  });

  it('registers, answers the contract (public key, intervals, games) and reconciles', async () => {
    const first = await call('PUT', '/v1/fleet/servers/ms_api1', registration());
    expect(first.status).toBe(200);
    const decoded = fleetDecoders.registerResponse.decode(first.body);
    expect(decoded.ok).toBe(true);
    expect(first.body).toMatchObject({ serverId: 'ms_api1', heartbeatMs: 200, ttlMs: 600, ticketPublicKeyPem: h.keys.publicKeyPem, games: [] });
    const a = await allocateServer(h.redis, {
      gameId: 'g_api1',
      mode: '1v1',
      roster: [
        { playerId: 'p_1', name: 'A', team: 0 },
        { playerId: 'p_2', name: 'B', team: 1 },
      ],
    });
    expect(a?.serverId).toBe('ms_api1');
    const again = await call('PUT', '/v1/fleet/servers/ms_api1', registration());
    expect((again.body.games as FleetAllocation[]).map((g) => g.gameId)).toEqual(['g_api1']);
    const list = await call('GET', '/v1/fleet/servers');
    expect(list.body).toMatchObject({ servers: [{ serverId: 'ms_api1', load: 1, capacity: 2, draining: false }] });
  });

  it('takes reports idempotently, ends the game once, applies ratings and calls the hooks', async () => {
    const report = (body: object) => call('POST', '/v1/fleet/games/g_api1/events', { serverId: 'ms_api1', ...body });
    expect(await report({ type: 'player.connected', playerId: 'p_1' })).toEqual({
      status: 200,
      body: { gameId: 'g_api1', state: 'running', duplicate: false },
    });
    expect(await report({ type: 'player.connected', playerId: 'p_1' })).toMatchObject({ body: { duplicate: true } });
    expect(await report({ type: 'player.noshow', playerId: 'p_2' })).toMatchObject({ body: { duplicate: false } });
    expect(h.playerEvents).toEqual([
      { gameId: 'g_api1', playerId: 'p_1', kind: 'connected' },
      { gameId: 'g_api1', playerId: 'p_2', kind: 'noshow' },
    ]);
    expect(await call('POST', '/v1/fleet/games/g_api1/events', { type: 'player.left', serverId: 'ms_other', playerId: 'p_1' })).toMatchObject({
      status: 403,
      body: { code: 'FORBIDDEN' },
    });
    // A server cannot report as another one, even with a valid credential of its own.
    expect(
      await call('POST', '/v1/fleet/games/g_api1/events', { type: 'player.left', serverId: 'ms_api1', playerId: 'p_1' }, undefined, 'ms_other'),
    ).toMatchObject({ status: 403, body: { code: 'FORBIDDEN', path: '/serverId' } });
    expect(await report({ type: 'player.left', playerId: 'p_404' })).toMatchObject({ status: 404 });
    expect(await report({ type: 'game.ended', reason: 'completed', winningTeam: 7 })).toMatchObject({ status: 400, body: { code: 'INVALID_MESSAGE' } });
    expect(await report({ type: 'game.ended', reason: 'completed', winningTeam: 1 })).toEqual({
      status: 200,
      body: { gameId: 'g_api1', state: 'ended', duplicate: false },
    });
    expect(await report({ type: 'game.ended', reason: 'completed', winningTeam: 1 })).toMatchObject({ body: { duplicate: true } });
    expect(h.ended.filter((e) => e.gameId === 'g_api1')).toHaveLength(1);
    // p_2 never showed up: a no-show is rated as a loss (docs/ratings.md "Rules"); p_1 had nobody to play.
    const [[noShow]] = rateTeams([[DEFAULT_SKILL], [DEFAULT_SKILL]], 1) as [[Skill]];
    expect(h.ended[0]).toMatchObject({ gameId: 'g_api1', reason: 'completed', winningTeam: 1, serverId: 'ms_api1' });
    expect(h.ended[0]?.ratings?.p_2?.delta).toBe(displayRating(noShow) - displayRating(DEFAULT_SKILL));
    expect(h.ended[0]?.ratings?.p_2?.delta).toBeLessThan(0);
    const after = await getRatings(h.redis, '1v1', ['p_1', 'p_2']);
    expect(after.p_1).toBe(1500);
    expect(after.p_2).toBeCloseTo(noShow.mu, 4);
    expect(after.p_2).toBeLessThan(1500);
    expect(await call('POST', '/v1/fleet/games/g_nope/events', { type: 'game.ended', serverId: 'ms_api1', reason: 'abandoned' })).toMatchObject({
      status: 404,
    });
  });

  it("takes a batch of one game's reports in one request, in order, as if each came alone (coral-perf-004)", async () => {
    expect((await call('PUT', '/v1/fleet/servers/ms_api1', registration())).status).toBe(200);
    const roster = [
      { playerId: 'p_b1', name: 'A', team: 0 },
      { playerId: 'p_b2', name: 'B', team: 1 },
    ];
    expect((await allocateServer(h.redis, { gameId: 'g_batch1', mode: '1v1', roster }))?.serverId).toBe('ms_api1');
    const batch = (reports: object[], serverId = 'ms_api1') => call('POST', '/v1/fleet/games/g_batch1/events', { type: 'reports', serverId, reports });
    const noshow = (playerId: string, serverId = 'ms_api1') => ({ type: 'player.noshow', serverId, playerId });
    // One refused report (another server's) is skipped and named; the one before it was applied.
    expect(await batch([noshow('p_b1'), noshow('p_b2', 'ms_other')])).toMatchObject({ status: 403, body: { code: 'FORBIDDEN', path: '/reports/1/serverId' } });
    expect(h.playerEvents.filter((e) => e.gameId === 'g_batch1')).toEqual([{ gameId: 'g_batch1', playerId: 'p_b1', kind: 'noshow' }]);
    expect((await getFleetGame(h.redis, 'g_batch1'))?.state).not.toBe('ended');
    // A bad batch changes nothing: over the size cap, or with a report that is not one.
    const tooMany = Array.from({ length: 33 }, () => noshow('p_b2'));
    expect(await batch(tooMany)).toMatchObject({ status: 400, body: { code: 'INVALID_MESSAGE' } });
    expect(await batch([noshow('p_b2'), { type: 'reports', serverId: 'ms_api1', reports: [] }])).toMatchObject({ status: 400 });
    expect(h.playerEvents.filter((e) => e.gameId === 'g_batch1')).toHaveLength(1);
    // The game's end with its no-shows: one request; repeating it changes nothing.
    const end = [noshow('p_b1'), noshow('p_b2'), { type: 'game.ended', serverId: 'ms_api1', reason: 'abandoned' }];
    expect(await batch(end)).toEqual({ status: 200, body: { gameId: 'g_batch1', state: 'ended', duplicate: false } });
    expect(h.playerEvents.filter((e) => e.gameId === 'g_batch1').map((e) => e.playerId)).toEqual(['p_b1', 'p_b2']);
    expect(h.ended.filter((e) => e.gameId === 'g_batch1')).toHaveLength(1);
    expect(await batch(end)).toEqual({ status: 200, body: { gameId: 'g_batch1', state: 'ended', duplicate: true } });
    expect(h.ended.filter((e) => e.gameId === 'g_batch1')).toHaveLength(1);
  });

  it('redelivers an ending whose hook failed (outbox), exactly one success', async () => {
    await call('PUT', '/v1/fleet/servers/ms_api1', registration());
    await allocateServer(h.redis, { gameId: 'g_api2', mode: '1v1', roster: [{ playerId: 'p_3', name: 'C', team: 0 }] });
    h.failHooks.count = 1;
    const res = await call('POST', '/v1/fleet/games/g_api2/events', { type: 'game.ended', serverId: 'ms_api1', reason: 'abandoned' });
    expect(res.status).toBe(200);
    expect(h.ended.some((e) => e.gameId === 'g_api2')).toBe(false);
    // Pretend the 30 s claim ran out; the sweeper delivers it on its next pass.
    await h.redis.zadd('{fleet}:outbox', 1, 'g_api2');
    await waitFor('redelivery', () => h.ended.some((e) => e.gameId === 'g_api2'));
    expect(h.ended.filter((e) => e.gameId === 'g_api2')).toEqual([expect.objectContaining({ reason: 'abandoned' })]);
  });

  it('a server that stops heartbeating is swept; its games end server_lost within the TTL', async () => {
    await call('PUT', '/v1/fleet/servers/ms_quiet', registration({ capacity: 5 }));
    await call('PUT', '/v1/fleet/servers/ms_api1', registration({ draining: true }));
    await allocateServer(h.redis, { gameId: 'g_api3', mode: '1v1', roster: [{ playerId: 'p_4', name: 'D', team: 0 }] });
    expect((await getFleetGame(h.redis, 'g_api3'))?.serverId).toBe('ms_quiet');
    const lastBeat = Date.now();
    const e = await waitFor('server_lost', () => h.ended.find((x) => x.gameId === 'g_api3'), 5000);
    expect(e.reason).toBe('server_lost');
    expect(e.at - lastBeat).toBeLessThan(600 + 50 + 400);
  });

  it('DELETE leaves the fleet and ends what is left', async () => {
    await call('PUT', '/v1/fleet/servers/ms_leaver', registration());
    await call('PUT', '/v1/fleet/servers/ms_api1', registration({ draining: true }));
    await allocateServer(h.redis, { gameId: 'g_api4', mode: '1v1', roster: [{ playerId: 'p_5', name: 'E', team: 0 }] });
    expect(await call('DELETE', '/v1/fleet/servers/ms_leaver')).toEqual({ status: 200, body: { serverId: 'ms_leaver', left: true, endedGames: ['g_api4'] } });
    await waitFor('leave ending', () => h.ended.find((x) => x.gameId === 'g_api4' && x.reason === 'server_lost'));
  });

  it('pushAllocation POSTs the contract body signed with the server key (no secret sent), and never throws', async () => {
    let got: { headers?: http.IncomingHttpHeaders; body?: unknown; check?: unknown } = {};
    const verifier = new FleetPushVerifier(fleetServerKey(h.fleetKey, 'ms_p'));
    const moon = http.createServer((req, res) => {
      let text = '';
      req.on('data', (c) => (text += c));
      req.on('end', () => {
        const ts = req.headers['x-glaceon-timestamp'] as string | undefined;
        const sig = req.headers['x-glaceon-signature'] as string | undefined;
        got = { headers: req.headers, body: JSON.parse(text), check: verifier.check('POST', req.url ?? '', text, ts, sig) };
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"gameId":"g_push","created":true}');
      });
    });
    await new Promise<void>((r) => moon.listen(0, '127.0.0.1', r));
    const controlUrl = `http://127.0.0.1:${(moon.address() as AddressInfo).port}/`;
    const allocation = {
      serverId: 'ms_p',
      address: '127.0.0.1:1',
      controlUrl,
      region: 'eu',
      gameId: 'g_push',
      mode: '1v1',
      teams: 2,
      roster: [{ playerId: 'p_1', name: 'A', team: 0 }],
      allocatedAt: 1,
      joinDeadline: 2,
      created: true,
      state: 'running' as const,
    };
    expect(await pushAllocation(allocation, { fleetKey: h.fleetKey })).toEqual({ ok: true, status: 200 });
    expect(got.check).toEqual({ ok: true });
    expect(got.headers?.authorization).toBeUndefined();
    expect(JSON.stringify(got.headers)).not.toContain(h.fleetKey);
    expect(JSON.stringify(got.headers)).not.toContain(fleetServerKey(h.fleetKey, 'ms_p'));
    expect(fleetDecoders.allocation.decode(got.body).ok).toBe(true);
    await new Promise((r) => moon.close(r));
    const down = await pushAllocation(allocation, { fleetKey: h.fleetKey, timeoutMs: 500 });
    expect(down.ok).toBe(false);
  });

  it('pushAllocation speaks https to an https control URL (a keep-alive agent, the configured CA trusted)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fleet-tls-'));
    try {
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'ec',
          '-pkeyopt',
          'ec_paramgen_curve:P-256',
          '-nodes',
          '-days',
          '1',
          '-subj',
          '/CN=127.0.0.1',
          '-addext',
          'subjectAltName=IP:127.0.0.1',
          '-keyout',
          path.join(dir, 'key.pem'),
          '-out',
          path.join(dir, 'cert.pem'),
        ],
        { stdio: 'ignore' },
      );
      const cert = readFileSync(path.join(dir, 'cert.pem'), 'utf8');
      const verifier = new FleetPushVerifier(fleetServerKey(h.fleetKey, 'ms_tls'));
      const checks: unknown[] = [];
      const moon = https.createServer({ key: readFileSync(path.join(dir, 'key.pem')), cert }, (req, res) => {
        let text = '';
        req.on('data', (c) => (text += c));
        req.on('end', () => {
          checks.push(verifier.check('POST', req.url ?? '', text, req.headers['x-glaceon-timestamp'] as string, req.headers['x-glaceon-signature'] as string));
          res.writeHead(200, { 'content-type': 'application/json' }).end('{"gameId":"g_tls","created":true}');
        });
      });
      await new Promise<void>((r) => moon.listen(0, '127.0.0.1', r));
      const allocation = {
        serverId: 'ms_tls',
        address: '127.0.0.1:1',
        controlUrl: `https://127.0.0.1:${(moon.address() as AddressInfo).port}`,
        region: 'eu',
        gameId: 'g_tls',
        mode: '1v1',
        teams: 2,
        roster: [{ playerId: 'p_1', name: 'A', team: 0 }],
        allocatedAt: 1,
        joinDeadline: 2,
        created: true,
        state: 'running' as const,
      };
      // Untrusted certificate: refused (never silently downgraded).
      expect(await pushAllocation(allocation, { fleetKey: h.fleetKey })).toMatchObject({ ok: false });
      expect(await pushAllocation(allocation, { fleetKey: h.fleetKey, caPem: cert })).toEqual({ ok: true, status: 200 });
      expect(checks).toEqual([{ ok: true }]);
      moon.closeAllConnections();
      await new Promise((r) => moon.close(r));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
