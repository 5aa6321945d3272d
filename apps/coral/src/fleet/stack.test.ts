/**
 * The fleet contract end to end with real processes: the fleet API (hosted
 * here as Coral will host it) + redis-server + reference Moonstone processes
 * + Onyx stand-in processes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { freePort, spawnManaged, startRedis, type ManagedProcess, type RedisHandle } from '@glaceon/testkit';
import { newId } from '@glaceon/protocol';
import { fleetServerKey, generateTicketKeyPair, signFleetPush, signJoinTicket } from '@glaceon/protocol/node';
import { allocateServer, DEFAULT_SKILL, getRatings, listFleetServers, rateTeams } from '@glaceon/store';
import WebSocket from 'ws';
import { allocationBody, pushAllocation } from './push.js';
import { startFleetHarness, waitFor, type FleetHarness } from '../test-support/fleet-harness.js';

const MOONSTONE = fileURLToPath(new URL('../../../moonstone/src/main.ts', import.meta.url));
const ONYX = fileURLToPath(new URL('../../../onyx/src/cli.ts', import.meta.url));
const NODE_ARGS = ['--conditions=glaceon-source', '--import', 'tsx'];
const HEARTBEAT_MS = 300;
const TTL_MS = 1500;
const SWEEP_MS = 100;

describe('fleet with real Moonstone and Onyx processes', () => {
  let h: FleetHarness;
  let redisServer: RedisHandle;
  const moonstones: ManagedProcess[] = [];

  async function startMoonstone(id: string, env: Record<string, string> = {}): Promise<{ proc: ManagedProcess; address: string }> {
    const proc = spawnManaged(process.execPath, [...NODE_ARGS, MOONSTONE], {
      env: {
        ...process.env,
        MOONSTONE_ID: id,
        PORT: '0',
        CONTROL_PORT: '0',
        CORAL_FLEET_URL: h.url,
        FLEET_SERVER_KEY: fleetServerKey(h.fleetKey, id),
        CAPACITY: '2',
        REGION: 'local',
        GAME_LENGTH_MS: '1500',
        NOSHOW_TIMEOUT_MS: '8000',
        ...env,
      },
    });
    moonstones.push(proc);
    const server = await waitFor(
      `${id} registered`,
      async () => {
        if (proc.child.exitCode !== null) throw new Error(`${id} exited:\n${proc.output()}`);
        return (await listFleetServers(h.redis)).find((s) => s.serverId === id);
      },
      20_000,
    );
    return { proc, address: server.address };
  }

  function onyx(args: string[], stdin?: string): ManagedProcess {
    const proc = spawnManaged(process.execPath, [...NODE_ARGS, ONYX, ...args], { stdio: [stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    if (stdin !== undefined) proc.child.stdin?.end(stdin);
    return proc;
  }

  function ticket(gameId: string, playerId: string, serverId: string, privateKeyPem = h.keys.privateKeyPem): string {
    const now = Date.now();
    return signJoinTicket({ v: 1, jti: newId('jt_'), gid: gameId, pid: playerId, sid: serverId, iat: now, exp: now + 60_000 }, privateKeyPem);
  }

  const roster = (a: string, b: string) => [
    { playerId: a, name: 'Ash', team: 0 },
    { playerId: b, name: 'Brock', team: 1 },
  ];

  beforeAll(async () => {
    redisServer = await startRedis();
    h = await startFleetHarness({ redisUrl: redisServer.url, heartbeatMs: HEARTBEAT_MS, ttlMs: TTL_MS, sweepMs: SWEEP_MS });
  });
  afterAll(async () => {
    await Promise.all(moonstones.map((m) => m.stop(1000)));
    await h.close();
    await redisServer.stop();
  });

  it('Onyx joins with real tickets (argv and stdin), plays to the end and exits 0; results and ratings land', async () => {
    const { address } = await startMoonstone('ms_stack1', { REGION: 'play' });
    const gameId = newId('g_');
    const [pa, pb] = [newId('p_'), newId('p_')];
    const allocation = await allocateServer(h.redis, { gameId, mode: '1v1', roster: roster(pa, pb), region: 'play' });
    expect(allocation?.serverId).toBe('ms_stack1');
    expect(await pushAllocation(allocation!, { fleetKey: h.fleetKey })).toMatchObject({ ok: true });

    const ta = ticket(gameId, pa, 'ms_stack1');
    const a = onyx(['--moonstone', address, '--game', gameId, '--ticket', ta]);
    const b = onyx(['--moonstone', address, '--game', gameId, '--ticket-stdin'], `${ticket(gameId, pb, 'ms_stack1')}\n`);
    const [ea, eb] = await Promise.all([a.exited, b.exited]);
    expect(ea.code, a.output()).toBe(0);
    expect(eb.code, b.output()).toBe(0);
    expect(a.output()).toMatch(/joined game .* on team 0/);
    expect(b.output()).toMatch(/game over: completed, team [01] won/);

    const ended = await waitFor('game ended hook', () => h.ended.find((e) => e.gameId === gameId));
    expect(ended).toMatchObject({ reason: 'completed', serverId: 'ms_stack1' });
    const winner = ended.winningTeam === 0 ? pa : pb;
    const loser = winner === pa ? pb : pa;
    // The model's change for two new players (docs/ratings.md), applied once.
    const [[won], [lost]] = rateTeams([[DEFAULT_SKILL], [DEFAULT_SKILL]], 0) as unknown as [[{ mu: number }], [{ mu: number }]];
    const after = await getRatings(h.redis, '1v1', [winner, loser]);
    expect(after[winner]).toBeCloseTo(won.mu, 4);
    expect(after[loser]).toBeCloseTo(lost.mu, 4);
    expect(h.playerEvents.filter((e) => e.gameId === gameId && e.kind === 'connected')).toHaveLength(2);
    await waitFor('capacity freed', async () => (await listFleetServers(h.redis)).find((s) => s.serverId === 'ms_stack1')?.load === 0);

    // The used ticket after the game ended: refused, clearly.
    const replay = onyx(['--moonstone', address, '--game', gameId, '--ticket', ta]);
    expect((await replay.exited).code, replay.output()).toBe(3);
    expect(replay.output()).toMatch(/refused: NOT_FOUND/);
  }, 60_000);

  it('Onyx fails cleanly with a bad ticket (exit 3) and when the server is unreachable (exit 4)', async () => {
    const { address } = await startMoonstone('ms_stack2', { REGION: 'bad' });
    const gameId = newId('g_');
    const [pa, pb] = [newId('p_'), newId('p_')];
    const allocation = await allocateServer(h.redis, { gameId, mode: '1v1', roster: roster(pa, pb), region: 'bad' });
    await pushAllocation(allocation!, { fleetKey: h.fleetKey });
    const forged = ticket(gameId, pa, 'ms_stack2', generateTicketKeyPair().privateKeyPem);
    const tampered = ticket(gameId, pa, 'ms_stack2').replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    const wrongServer = ticket(gameId, pa, 'ms_stack1');
    const runs = [forged, tampered, wrongServer].map((t) => onyx(['--moonstone', address, '--game', gameId, '--ticket', t]));
    for (const run of runs) {
      expect((await run.exited).code, run.output()).toBe(3);
      expect(run.output()).toMatch(/refused: TICKET_INVALID: The join ticket is not valid/);
    }
    const nowhere = onyx(['--moonstone', `127.0.0.1:${await freePort()}`, '--game', gameId, '--ticket', ticket(gameId, pa, 'ms_stack2')]);
    expect((await nowhere.exited).code, nowhere.output()).toBe(4);
    expect(nowhere.output()).toMatch(/cannot reach Moonstone at 127\.0\.0\.1:\d+: ECONNREFUSED/);
    const usage = onyx(['--moonstone', address, '--game', gameId]);
    expect((await usage.exited).code).toBe(2);
    expect(usage.output()).toMatch(/--ticket/);
  }, 60_000);

  it('the control API and the game socket answer typed errors; a crashed Onyx rejoins with a fresh ticket, never the spent one', async () => {
    const { address } = await startMoonstone('ms_stack6', { REGION: 'rejoin', GAME_LENGTH_MS: '9000' });
    const controlUrl = (await listFleetServers(h.redis)).find((s) => s.serverId === 'ms_stack6')!.controlUrl;
    const gameId = newId('g_');
    const [pa, pb] = [newId('p_'), newId('p_')];
    const allocation = await allocateServer(h.redis, { gameId, mode: '1v1', roster: roster(pa, pb), region: 'rejoin' });
    const body = JSON.stringify(allocationBody(allocation!));
    const serverKey = fleetServerKey(h.fleetKey, 'ms_stack6');
    let clock = Date.now();
    const post = (key: string, text: string, headers?: Record<string, string>) => {
      const signed = signFleetPush(key, 'POST', '/v1/games', text, clock++);
      return fetch(`${controlUrl}/v1/games`, {
        method: 'POST',
        headers: { 'x-glaceon-timestamp': signed.timestamp, 'x-glaceon-signature': signed.signature, 'content-type': 'application/json', ...headers },
        body: text,
      }).then(async (r) => ({ status: r.status, body: (await r.json()) as unknown }));
    };
    // First the genuine push (before the next heartbeat answer tells the server the same game).
    const good = signFleetPush(serverKey, 'POST', '/v1/games', body, clock++);
    const send = () =>
      fetch(`${controlUrl}/v1/games`, { method: 'POST', headers: { 'x-glaceon-timestamp': good.timestamp, 'x-glaceon-signature': good.signature }, body }).then(
        async (r) => ({ status: r.status, body: (await r.json()) as unknown }),
      );
    expect(await send()).toEqual({ status: 200, body: { gameId, created: true } });
    // The same push again (a replay) is refused; another server's key, the fleet secret, a bearer, a stale timestamp too.
    expect(await send()).toMatchObject({ status: 401, body: { code: 'UNAUTHENTICATED' } });
    expect(await post(fleetServerKey(h.fleetKey, 'ms_other'), body)).toMatchObject({ status: 401, body: { code: 'UNAUTHENTICATED' } });
    expect(await post(h.fleetKey, body)).toMatchObject({ status: 401, body: { code: 'UNAUTHENTICATED' } });
    expect(await fetch(`${controlUrl}/v1/games`, { method: 'POST', headers: { authorization: `Bearer ${h.fleetKey}` }, body }).then((r) => r.status)).toBe(401);
    const stale = signFleetPush(serverKey, 'POST', '/v1/games', body, Date.now() - 60_000);
    expect(
      await fetch(`${controlUrl}/v1/games`, {
        method: 'POST',
        headers: { 'x-glaceon-timestamp': stale.timestamp, 'x-glaceon-signature': stale.signature },
        body,
      }).then((r) => r.status),
    ).toBe(401);
    expect(await post(serverKey, '{"gameId":1}')).toMatchObject({ status: 400, body: { code: 'INVALID_MESSAGE' } });
    expect(await post(serverKey, JSON.stringify({ ...allocationBody(allocation!), serverId: 'ms_other' }))).toMatchObject({ status: 403 });
    expect(await post(serverKey, body)).toEqual({ status: 200, body: { gameId, created: false } });
    expect(await fetch(`${controlUrl}/healthz`).then((r) => r.json())).toMatchObject({ serverId: 'ms_stack6', registered: true, games: 1 });

    // The game socket: a wrong protocol version and a non-hello first frame are refused with typed errors and close codes.
    const refusal = (frame: string) =>
      new Promise<{ error: unknown; close: number }>((resolve) => {
        const ws = new WebSocket(`ws://${address}/`);
        let error: unknown;
        ws.on('open', () => ws.send(frame));
        ws.on('message', (d) => (error = JSON.parse(d.toString())));
        ws.on('close', (close) => resolve({ error, close }));
      });
    const ta = ticket(gameId, pa, 'ms_stack6');
    expect(await refusal(JSON.stringify({ type: 'hello', protocol: 99, gameId, ticket: ta }))).toMatchObject({
      error: { type: 'error', code: 'INCOMPATIBLE_VERSION' },
      close: 4426,
    });
    expect(await refusal('{"type":"leave"')).toMatchObject({ error: { code: 'BAD_JSON' }, close: 4400 });
    expect(await refusal(JSON.stringify({ type: 'hello', protocol: 1, gameId, ticket: ta, admin: true }))).toMatchObject({
      error: { code: 'INVALID_MESSAGE' },
      close: 4400,
    });

    const a = onyx(['--moonstone', address, '--game', gameId, '--ticket', ta]);
    const b = onyx(['--moonstone', address, '--game', gameId, '--ticket', ticket(gameId, pb, 'ms_stack6')]);
    await waitFor('both playing', () => /running; 2 connected/.test(a.output()) && /running; 2 connected/.test(b.output()), 20_000);
    a.kill('SIGKILL'); // Onyx crashes
    await waitFor('left reported', () => h.playerEvents.some((e) => e.gameId === gameId && e.playerId === pa && e.kind === 'left'));
    // The spent ticket (say, read from the crashed process's argv) admits nobody (issue #12, item 13)...
    const replay = onyx(['--moonstone', address, '--game', gameId, '--ticket', ta]);
    expect((await replay.exited).code, replay.output()).toBe(3);
    expect(replay.output()).toMatch(/TICKET_USED/);
    // ...a fresh one, as Coral signs on request, brings the player back.
    const again = onyx(['--moonstone', address, '--game', gameId, '--ticket', ticket(gameId, pa, 'ms_stack6')]);
    expect((await again.exited).code, again.output()).toBe(0);
    expect(again.output()).toMatch(/rejoined/);
    expect((await b.exited).code).toBe(0);
    expect(h.playerEvents.filter((e) => e.gameId === gameId && e.playerId === pa).map((e) => e.kind)).toEqual(['connected', 'left', 'connected']);
  }, 60_000);

  it('a ticket that outruns its allocation (push lost) is admitted once Moonstone asks the fleet', async () => {
    const { address } = await startMoonstone('ms_stack3', { REGION: 'nopush' });
    const gameId = newId('g_');
    const [pa, pb] = [newId('p_'), newId('p_')];
    await allocateServer(h.redis, { gameId, mode: '1v1', roster: roster(pa, pb), region: 'nopush' }); // no push on purpose
    const a = onyx(['--moonstone', address, '--game', gameId, '--ticket', ticket(gameId, pa, 'ms_stack3')]);
    const b = onyx(['--moonstone', address, '--game', gameId, '--ticket', ticket(gameId, pb, 'ms_stack3')]);
    // Onyx arrives before the allocation: Moonstone asks the fleet at once and admits it on the first try.
    for (const run of [a, b]) expect((await run.exited).code, run.output()).toBe(0);
    await waitFor('ended', () => h.ended.find((e) => e.gameId === gameId && e.reason === 'completed'));
  }, 60_000);

  it('thirty games that end at once reach Coral in a few requests, every one of them ended (coral-perf-011)', async () => {
    await startMoonstone('ms_stack_burst', { REGION: 'burst', CAPACITY: '40', NOSHOW_TIMEOUT_MS: '500' });
    const gameIds: string[] = Array.from({ length: 30 }, () => newId('g_'));
    const sent = h.requests.length;
    // No pushes: the server learns all thirty from one heartbeat answer, so their join windows close together.
    for (const gameId of gameIds) {
      const allocated = await allocateServer(h.redis, { gameId, mode: '1v1', roster: roster(newId('p_'), newId('p_')), region: 'burst', strictRegion: true });
      expect(allocated?.serverId).toBe('ms_stack_burst');
    }
    await waitFor('every game ended', () => gameIds.every((g) => h.ended.some((e) => e.gameId === g && e.reason === 'abandoned')), 20_000);
    const reports = h.requests.slice(sent).filter((r) => r === 'POST /v1/fleet/reports' || /^POST \/v1\/fleet\/games\/[^/]+\/events$/.test(r));
    // One request per game before; now the games of one moment share one (two in flight at most).
    expect(reports.length).toBeLessThanOrEqual(3);
    expect(reports).toContain('POST /v1/fleet/reports');
    expect(h.ended.filter((e) => gameIds.includes(e.gameId))).toHaveLength(30);
  }, 60_000);

  it('a Moonstone killed mid-game (SIGKILL): its game ends server_lost within the TTL + one sweep; Onyx is told', async () => {
    const { proc, address } = await startMoonstone('ms_stack4', { REGION: 'kill', GAME_LENGTH_MS: '120000' });
    const gameId = newId('g_');
    const [pa, pb] = [newId('p_'), newId('p_')];
    const allocation = await allocateServer(h.redis, { gameId, mode: '1v1', roster: roster(pa, pb), region: 'kill' });
    await pushAllocation(allocation!, { fleetKey: h.fleetKey });
    const a = onyx(['--moonstone', address, '--game', gameId, '--ticket', ticket(gameId, pa, 'ms_stack4')]);
    const b = onyx(['--moonstone', address, '--game', gameId, '--ticket', ticket(gameId, pb, 'ms_stack4')]);
    await waitFor('both playing', () => /running; 2 connected/.test(a.output()) && /running; 2 connected/.test(b.output()), 20_000);

    proc.kill('SIGKILL');
    const killedAt = Date.now();
    const ended = await waitFor('server_lost', () => h.ended.find((e) => e.gameId === gameId), TTL_MS + 5000);
    const lostAfter = ended.at - killedAt;
    console.log(`server_lost ${lostAfter} ms after SIGKILL (TTL ${TTL_MS} ms, sweep every ${SWEEP_MS} ms)`);
    expect(ended.reason).toBe('server_lost');
    expect(lostAfter).toBeLessThanOrEqual(TTL_MS + SWEEP_MS + 250);
    for (const run of [a, b]) {
      expect((await run.exited).code, run.output()).toBe(5);
      expect(run.output()).toMatch(/lost the connection to Moonstone/);
    }
    expect(await getRatings(h.redis, '1v1', [pa, pb])).toEqual({ [pa]: 1500, [pb]: 1500 });
    expect((await listFleetServers(h.redis)).some((s) => s.serverId === 'ms_stack4')).toBe(false);
  }, 60_000);

  it('a Moonstone paused past its TTL is dropped; when it resumes it ends the lost game and tells its players', async () => {
    const { proc, address } = await startMoonstone('ms_stack7', { REGION: 'pause', GAME_LENGTH_MS: '120000' });
    const gameId = newId('g_');
    const [pa, pb] = [newId('p_'), newId('p_')];
    const allocation = await allocateServer(h.redis, { gameId, mode: '1v1', roster: roster(pa, pb), region: 'pause' });
    await pushAllocation(allocation!, { fleetKey: h.fleetKey });
    const a = onyx(['--moonstone', address, '--game', gameId, '--ticket', ticket(gameId, pa, 'ms_stack7')]);
    const b = onyx(['--moonstone', address, '--game', gameId, '--ticket', ticket(gameId, pb, 'ms_stack7')]);
    await waitFor('both playing', () => /running; 2 connected/.test(a.output()) && /running; 2 connected/.test(b.output()), 20_000);
    proc.kill('SIGSTOP'); // a long GC pause, a frozen VM
    try {
      await waitFor('server_lost', () => h.ended.find((e) => e.gameId === gameId && e.reason === 'server_lost'), TTL_MS + 5000);
    } finally {
      proc.kill('SIGCONT');
    }
    // Back, it heartbeats, re-registers, finds the game missing from the answer and ends it for its players.
    for (const run of [a, b]) {
      expect((await run.exited).code, run.output()).toBe(5);
      expect(run.output()).toMatch(/the game server was lost/);
    }
    await waitFor('re-registered', async () => (await listFleetServers(h.redis)).find((s) => s.serverId === 'ms_stack7')?.load === 0);
  }, 60_000);

  it('SIGTERM drains: no new games, the running game finishes and counts, then the server leaves and exits 0', async () => {
    const { proc, address } = await startMoonstone('ms_stack5', { REGION: 'drain', GAME_LENGTH_MS: '2000' });
    const gameId = newId('g_');
    const [pa, pb] = [newId('p_'), newId('p_')];
    const allocation = await allocateServer(h.redis, { gameId, mode: '1v1', roster: roster(pa, pb), region: 'drain' });
    await pushAllocation(allocation!, { fleetKey: h.fleetKey });
    const a = onyx(['--moonstone', address, '--game', gameId, '--ticket', ticket(gameId, pa, 'ms_stack5')]);
    const b = onyx(['--moonstone', address, '--game', gameId, '--ticket', ticket(gameId, pb, 'ms_stack5')]);
    await waitFor('both playing', () => /running/.test(a.output()) && /running/.test(b.output()), 20_000);
    proc.kill('SIGTERM');
    await waitFor('draining', async () => (await listFleetServers(h.redis)).find((s) => s.serverId === 'ms_stack5')?.draining);
    const other = await allocateServer(h.redis, { gameId: newId('g_'), mode: '1v1', roster: roster(newId('p_'), newId('p_')), region: 'drain' });
    expect(other?.serverId).not.toBe('ms_stack5');
    expect((await proc.exited).code, proc.output()).toBe(0);
    expect((await a.exited).code).toBe(0);
    expect((await b.exited).code).toBe(0);
    expect(h.ended.find((e) => e.gameId === gameId)?.reason).toBe('completed');
    expect((await listFleetServers(h.redis)).some((s) => s.serverId === 'ms_stack5')).toBe(false);
  }, 60_000);
});
