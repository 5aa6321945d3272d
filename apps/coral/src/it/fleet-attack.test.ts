/**
 * Issue #12, item 2, reproduced end to end against real processes: a real Coral
 * (server.ts) behind nginx, redis-server, a real reference Moonstone, and a rogue
 * fleet member played by this test. The reported attack was: register with the
 * public development key, receive real players and the real fleet key, report a fake
 * result that moves ratings. Each step is now refused.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Coraline } from '@glaceon/client';
import { fleetServerKey, FleetPushVerifier } from '@glaceon/protocol/node';
import { getFleetGame, getRatings, listFleetServers } from '@glaceon/store';
import { spawnManaged, type ManagedProcess } from '@glaceon/testkit';
import { connectSoloAccepter } from '../test-support/players.js';
import { REPO_ROOT, startCoralStack, TEST_FLEET_KEY, waitFor, type CoralStack } from '../test-support/stack.js';

const MOONSTONE = fileURLToPath(new URL('../../../moonstone/src/main.ts', import.meta.url));

describe('the fleet trust chain holds against a rogue game server (real Coral, Moonstone, nginx, Redis)', () => {
  let stack: CoralStack;
  let moonstone: ManagedProcess | undefined;
  let rogue: http.Server;
  const pushes: { headers: http.IncomingHttpHeaders; body: string; url: string }[] = [];
  const clients: Coraline[] = [];
  let internal: string;
  const rogueKey = fleetServerKey(TEST_FLEET_KEY, 'ms_rogue'); // what a compromised, provisioned server holds

  const fleet = (base: string, method: string, path: string, as: { id: string; key: string } | null, body?: unknown) =>
    fetch(`${base}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(as ? { 'x-glaceon-server': as.id, authorization: `Bearer ${as.key}` } : {}) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    }).then(async (r) => ({ status: r.status, body: (await r.json().catch(() => null)) as Record<string, unknown> | null }));

  const registration = (controlUrl: string, region = 'local') => ({
    address: '127.0.0.1:1',
    controlUrl,
    region,
    capacity: 4,
    version: 'rogue',
    instanceId: 'rogue-instance-1',
  });

  async function playOneMatch(): Promise<string> {
    const a = await connectSoloAccepter(stack.redis, stack.wsUrl, clients);
    const b = await connectSoloAccepter(stack.redis, stack.wsUrl, clients);
    const ready = [a, b].map(({ client }) => client.next('game.ready', () => true, 20_000));
    await a.client.startQueue();
    await b.client.startQueue();
    const games = await Promise.all(ready);
    return games[0]!.gameId;
  }

  beforeAll(async () => {
    stack = await startCoralStack({ corals: 1, env: { MODES: '1v1', ACCEPT_TIMEOUT_MS: '5000' } });
    internal = `http://127.0.0.1:${stack.corals[0]!.internalPort}`;
    rogue = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        pushes.push({ headers: req.headers, body, url: req.url ?? '' });
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ gameId: JSON.parse(body).gameId, created: true }));
      });
    });
    await new Promise<void>((r) => rogue.listen(0, '127.0.0.1', r));
  }, 60_000);

  afterAll(async () => {
    for (const c of clients) c.close();
    await moonstone?.stop(2000);
    await new Promise((r) => rogue?.close(r));
    await stack?.stop();
  });

  it('the public port (and nginx) has no fleet API and no /metrics; the internal listener has both', async () => {
    const viaNginx = `http://127.0.0.1:${stack.nginx.port}`;
    const direct = `http://127.0.0.1:${stack.corals[0]!.port}`;
    for (const base of [viaNginx, direct]) {
      expect(await fleet(base, 'PUT', '/v1/fleet/servers/ms_rogue', { id: 'ms_rogue', key: rogueKey }, registration('http://127.0.0.1:9'))).toMatchObject({
        status: 404,
        body: { code: 'NOT_FOUND' },
      });
      expect((await fetch(`${base}/metrics`)).status).toBe(404);
    }
    expect(await fetch(`${internal}/metrics`).then((r) => r.text())).toMatch(/coral_connections/);
  });

  it('the old public development key, and the fleet secret guessed wrong, register nothing', async () => {
    for (const key of ['dev-fleet-key-not-secret', 'test-fleet-key-0123456789', fleetServerKey('dev-fleet-key-not-secret', 'ms_rogue')]) {
      expect(await fleet(internal, 'PUT', '/v1/fleet/servers/ms_rogue', { id: 'ms_rogue', key }, registration('http://127.0.0.1:9'))).toMatchObject({
        status: 401,
        body: { code: 'UNAUTHENTICATED' },
      });
    }
    expect(await listFleetServers(stack.redis)).toEqual([]);
  });

  it('a server (even a provisioned one) cannot aim pushes at a host it picks', async () => {
    expect(
      await fleet(internal, 'PUT', '/v1/fleet/servers/ms_rogue', { id: 'ms_rogue', key: rogueKey }, registration('http://169.254.169.254/latest')),
    ).toMatchObject({ status: 403, body: { code: 'FORBIDDEN', path: '/controlUrl' } });
  });

  it('a push carries no secret: the rogue receives a signed allocation and learns neither the fleet key nor any credential', async () => {
    const rogueUrl = `http://127.0.0.1:${(rogue.address() as AddressInfo).port}`;
    expect((await fleet(internal, 'PUT', '/v1/fleet/servers/ms_rogue', { id: 'ms_rogue', key: rogueKey }, registration(rogueUrl))).status).toBe(200);
    // Keep heartbeating like a server would: one registration lives 3 s (the TTL), and on a loaded
    // machine connecting two players and matching them can take longer; the rogue would be swept
    // and the game would wait for a server (the test then failed with "No game.ready").
    const beats = setInterval(
      () => void fleet(internal, 'PUT', '/v1/fleet/servers/ms_rogue', { id: 'ms_rogue', key: rogueKey }, registration(rogueUrl)).catch(() => undefined),
      1000,
    );
    const gameId = await playOneMatch().finally(() => clearInterval(beats));
    const push = await waitFor('the push', () => pushes.find((p) => p.body.includes(gameId)));
    const everything = JSON.stringify(push);
    expect(push.headers.authorization).toBeUndefined();
    expect(everything).not.toContain(TEST_FLEET_KEY);
    expect(everything).not.toContain(rogueKey);
    expect(everything).not.toContain(fleetServerKey(TEST_FLEET_KEY, 'ms_real'));
    // It is the real Coral's signature for this server, and it cannot be replayed.
    const verifier = new FleetPushVerifier(rogueKey);
    const check = () =>
      verifier.check('POST', push.url, push.body, push.headers['x-glaceon-timestamp'] as string, push.headers['x-glaceon-signature'] as string);
    expect(check()).toEqual({ ok: true });
    expect(check()).toEqual({ ok: false, reason: 'replayed' });
    // The rogue leaves; its game ends server_lost.
    expect((await fleet(internal, 'DELETE', '/v1/fleet/servers/ms_rogue', { id: 'ms_rogue', key: rogueKey })).body).toMatchObject({ left: true });
  }, 60_000);

  it("a rogue cannot take over a real server's id, end its games, or move ratings", async () => {
    moonstone = spawnManaged(process.execPath, ['--conditions=glaceon-source', '--import', 'tsx', MOONSTONE], {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        MOONSTONE_ID: 'ms_real',
        PORT: '0',
        CONTROL_PORT: '0',
        CORAL_FLEET_URL: internal,
        FLEET_SERVER_KEY: fleetServerKey(TEST_FLEET_KEY, 'ms_real'),
        NOSHOW_TIMEOUT_MS: '60000',
        GAME_LENGTH_MS: '60000',
      },
    });
    const real = await waitFor('ms_real registered', async () => (await listFleetServers(stack.redis)).find((s) => s.serverId === 'ms_real'), 30_000);
    const gameId = await playOneMatch();
    await waitFor('the game runs on ms_real', async () => (await getFleetGame(stack.redis, gameId))?.serverId === 'ms_real');
    const record = (await getFleetGame(stack.redis, gameId))!;
    const ids = record.roster.map((p) => p.playerId);
    const before = await getRatings(stack.redis, '1v1', ids);

    // Re-register the real id (the old way to end its games): refused, the registration unchanged.
    const hijack = registration('http://127.0.0.1:9');
    expect((await fleet(internal, 'PUT', '/v1/fleet/servers/ms_real', { id: 'ms_real', key: rogueKey }, hijack)).status).toBe(401);
    expect((await fleet(internal, 'PUT', '/v1/fleet/servers/ms_real', { id: 'ms_rogue', key: rogueKey }, hijack)).status).toBe(403);
    expect((await fleet(internal, 'DELETE', '/v1/fleet/servers/ms_real', { id: 'ms_rogue', key: rogueKey })).status).toBe(403);
    // A fake result, as itself or in the real server's name: refused.
    const fake = (serverId: string) => ({ type: 'game.ended', serverId, reason: 'completed', winningTeam: 0 });
    expect(await fleet(internal, 'POST', `/v1/fleet/games/${gameId}/events`, { id: 'ms_rogue', key: rogueKey }, fake('ms_rogue'))).toMatchObject({
      status: 403,
      body: { code: 'FORBIDDEN' },
    });
    expect(await fleet(internal, 'POST', `/v1/fleet/games/${gameId}/events`, { id: 'ms_rogue', key: rogueKey }, fake('ms_real'))).toMatchObject({
      status: 403,
      body: { code: 'FORBIDDEN', path: '/serverId' },
    });
    expect((await listFleetServers(stack.redis)).find((s) => s.serverId === 'ms_real')?.controlUrl).toBe(real.controlUrl);
    expect((await getFleetGame(stack.redis, gameId))?.state).toBe('running');
    expect(await getRatings(stack.redis, '1v1', ids)).toEqual(before);
  }, 90_000);
});
