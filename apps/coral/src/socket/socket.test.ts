import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import pino from 'pino';
import { Coraline, type WebSocketConstructor } from '@glaceon/client';
import { bearerSubprotocol, closeCodeOf, CORAL_SUBPROTOCOL, PROTOCOL_VERSION } from '@glaceon/protocol';
import { generateTicketKeyPair } from '@glaceon/protocol/node';
import { closeRedis, createRedis, getLobby, type RedisClient } from '@glaceon/store';
import { startRedis, type RedisHandle } from '@glaceon/testkit';
import { buildCoral, type Coral } from '../app.js';
import { coralConfig } from '../config/config.js';
import { makeLobby, makePlayer, type TestPlayer } from '../test-support/players.js';
import { waitFor } from '../test-support/stack.js';

/** A raw socket that records every frame, for checking the server's answers to bad input. */
interface RawClient {
  ws: WebSocket;
  frames: Record<string, unknown>[];
  closed: Promise<{ code: number; reason: string }>;
  next(predicate: (f: Record<string, unknown>) => boolean, timeoutMs?: number): Promise<Record<string, unknown>>;
}

function rawClient(url: string, options: { protocols?: string[]; headers?: Record<string, string>; autoPong?: boolean } = {}): Promise<RawClient> {
  const ws = new WebSocket(url, options.protocols ?? [], { headers: options.headers ?? {}, autoPong: options.autoPong ?? true });
  const frames: Record<string, unknown>[] = [];
  const waiters: { p: (f: Record<string, unknown>) => boolean; resolve: (f: Record<string, unknown>) => void }[] = [];
  ws.on('message', (data) => {
    const f = JSON.parse(String(data)) as Record<string, unknown>;
    frames.push(f);
    for (const w of [...waiters])
      if (w.p(f)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(f);
      }
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: String(reason) })));
  return new Promise((resolve, reject) => {
    ws.once('open', () =>
      resolve({
        ws,
        frames,
        closed,
        next: (p, timeoutMs = 5000) =>
          new Promise((res, rej) => {
            const hit = frames.find(p);
            if (hit) return res(hit);
            const t = setTimeout(() => rej(new Error('no such frame')), timeoutMs);
            waiters.push({ p, resolve: (f) => (clearTimeout(t), res(f)) });
          }),
      }),
    );
    ws.once('unexpected-response', (_req, res) => reject(Object.assign(new Error(`HTTP ${res.statusCode}`), { status: res.statusCode })));
    ws.once('error', reject);
  });
}

describe('Coral player socket', () => {
  let redisServer: RedisHandle;
  let redis: RedisClient;
  let coral: Coral;
  let url: string;
  let host: TestPlayer;
  let member: TestPlayer;
  let loner: TestPlayer;
  let lobbyId: string;

  beforeAll(async () => {
    redisServer = await startRedis();
    redis = createRedis(redisServer.url);
    const keys = generateTicketKeyPair();
    coral = buildCoral({
      config: coralConfig({
        coralId: 'coral-t',
        redisUrl: redisServer.url,
        ticketPrivateKeyPem: keys.privateKeyPem,
        ticketPublicKeyPem: keys.publicKeyPem,
        modes: ['2v2'],
        heartbeatMs: 200,
        rateLimitPerSec: 5,
        rateLimitBurst: 10,
      }),
      log: pino({ level: 'silent' }),
    });
    const address = await coral.listen(0);
    url = `ws://127.0.0.1:${address.port}/v1/play`;
    host = await makePlayer(redis);
    member = await makePlayer(redis);
    loner = await makePlayer(redis);
    lobbyId = await makeLobby(redis, '2v2', [host, member]);
  });

  afterAll(async () => {
    await coral?.close();
    await closeRedis(redis);
    await redisServer?.stop();
  });

  const hello = async (c: RawClient) => {
    c.ws.send(JSON.stringify({ type: 'hello', id: 'h', version: PROTOCOL_VERSION }));
    return c.next((f) => f.type === 'welcome');
  };

  it('refuses the upgrade without a valid session: the socket never opens', async () => {
    await expect(rawClient(url)).rejects.toMatchObject({ status: 401 });
    await expect(rawClient(url, { protocols: [CORAL_SUBPROTOCOL, bearerSubprotocol('x'.repeat(43))] })).rejects.toMatchObject({ status: 401 });
    // A token in the URL is never read.
    await expect(rawClient(`${url}?token=${host.token}`)).rejects.toMatchObject({ status: 401 });
    await expect(rawClient(url.replace('/v1/play', '/v1/other'), { headers: { authorization: `Bearer ${host.token}` } })).rejects.toMatchObject({
      status: 404,
    });
  });

  it('accepts a bearer header or the bearer subprotocol, and never echoes the token back', async () => {
    const viaHeader = await rawClient(url, { protocols: [CORAL_SUBPROTOCOL], headers: { authorization: `Bearer ${host.token}` } });
    expect((await hello(viaHeader)).playerId).toBe(host.playerId);
    viaHeader.ws.close();
    const viaProtocol = await rawClient(url, { protocols: [CORAL_SUBPROTOCOL, bearerSubprotocol(member.token)] });
    expect(viaProtocol.ws.protocol).toBe(CORAL_SUBPROTOCOL);
    const welcome = await hello(viaProtocol);
    expect(welcome.playerId).toBe(member.playerId);
    // The resume snapshot follows the welcome: the lobby as it is.
    const lobby = await viaProtocol.next((f) => f.type === 'lobby.updated');
    expect((lobby.lobby as { id: string }).id).toBe(lobbyId);
    viaProtocol.ws.close();
  });

  it('answers a version mismatch with INCOMPATIBLE_VERSION and closes with its code', async () => {
    const c = await rawClient(url, { protocols: [CORAL_SUBPROTOCOL, bearerSubprotocol(host.token)] });
    c.ws.send(JSON.stringify({ type: 'hello', id: 'h', version: PROTOCOL_VERSION + 41 }));
    const error = await c.next((f) => f.type === 'error');
    expect(error).toMatchObject({ code: 'INCOMPATIBLE_VERSION', id: 'h' });
    expect((await c.closed).code).toBe(closeCodeOf('INCOMPATIBLE_VERSION'));
  });

  it('gives a typed error for every bad frame and changes nothing', async () => {
    const c = await rawClient(url, { protocols: [CORAL_SUBPROTOCOL, bearerSubprotocol(host.token)] });
    c.ws.send(JSON.stringify({ type: 'queue.start', id: 'early' }));
    expect(await c.next((f) => f.id === 'early')).toMatchObject({ type: 'error', code: 'WRONG_STATE' });
    await hello(c);
    c.ws.send('{not json');
    expect(await c.next((f) => f.code === 'BAD_JSON')).toMatchObject({ type: 'error' });
    c.ws.send(JSON.stringify({ type: 'queue.explode', id: 'u1' }));
    expect(await c.next((f) => f.id === 'u1')).toMatchObject({ type: 'error', code: 'UNKNOWN_TYPE' });
    c.ws.send(JSON.stringify({ type: 'queue.start', id: 'x1', extra: true }));
    expect(await c.next((f) => f.id === 'x1')).toMatchObject({ type: 'error', code: 'INVALID_MESSAGE' });
    c.ws.send(JSON.stringify({ type: 'match.accept', id: 'x2', prematchId: 'not-an-id' }));
    expect(await c.next((f) => f.id === 'x2')).toMatchObject({ type: 'error', code: 'INVALID_MESSAGE' });
    c.ws.send(Buffer.from([1, 2, 3]), { binary: true });
    expect(await c.next((f) => f.code === 'INVALID_MESSAGE' && String(f.message).includes('Binary'))).toBeTruthy();
    c.ws.send(JSON.stringify({ type: 'queue.start', id: 'big', pad: 'x'.repeat(20_000) }));
    expect(await c.next((f) => f.code === 'PAYLOAD_TOO_LARGE')).toMatchObject({ type: 'error' });
    // Application-level liveness check for browsers, which cannot see ping frames.
    c.ws.send(JSON.stringify({ type: 'ping', id: 'k1' }));
    expect(await c.next((f) => f.id === 'k1')).toMatchObject({ type: 'pong' });
    // Wrong state: accepting a ready check the player is not in.
    c.ws.send(JSON.stringify({ type: 'match.accept', id: 'a1', prematchId: 'pm_nothing' }));
    expect(await c.next((f) => f.id === 'a1')).toMatchObject({ type: 'error', code: 'WRONG_STATE' });
    const lobby = await getLobby(redis, lobbyId);
    expect(lobby?.state).toBe('idle');
    expect(c.ws.readyState).toBe(WebSocket.OPEN);
    c.ws.close();
  });

  it('only the host starts the queue; a player in no lobby cannot', async () => {
    const m = await rawClient(url, { protocols: [CORAL_SUBPROTOCOL, bearerSubprotocol(member.token)] });
    await hello(m);
    m.ws.send(JSON.stringify({ type: 'queue.start', id: 'q' }));
    expect(await m.next((f) => f.id === 'q')).toMatchObject({ type: 'error', code: 'NOT_HOST' });
    expect((await getLobby(redis, lobbyId))?.state).toBe('idle');
    m.ws.close();
    const l = await rawClient(url, { protocols: [CORAL_SUBPROTOCOL, bearerSubprotocol(loner.token)] });
    await hello(l);
    expect(await l.next((f) => f.type === 'lobby.updated')).toMatchObject({ lobby: null });
    l.ws.send(JSON.stringify({ type: 'queue.cancel', id: 'c' }));
    expect(await l.next((f) => f.id === 'c')).toMatchObject({ type: 'error', code: 'NOT_IN_LOBBY' });
    l.ws.close();
  });

  it('frames beyond 64 KiB close the socket (1009)', async () => {
    const c = await rawClient(url, { protocols: [CORAL_SUBPROTOCOL, bearerSubprotocol(host.token)] });
    await hello(c);
    c.ws.send('x'.repeat(70 * 1024));
    expect((await c.closed).code).toBe(1009);
  });

  it('rate-limits a flooding connection with typed errors', async () => {
    const c = await rawClient(url, { protocols: [CORAL_SUBPROTOCOL, bearerSubprotocol(loner.token)] });
    await hello(c);
    for (let i = 0; i < 30; i++) c.ws.send(JSON.stringify({ type: 'queue.cancel', id: `f${i}` }));
    await c.next((f) => f.code === 'RATE_LIMITED');
    const limited = c.frames.filter((f) => f.code === 'RATE_LIMITED').length;
    expect(limited).toBeGreaterThan(0);
    c.ws.close();
  });

  it('drops a peer that stops answering pings within two intervals', async () => {
    const c = await rawClient(url, { protocols: [CORAL_SUBPROTOCOL, bearerSubprotocol(loner.token)], autoPong: false });
    await hello(c);
    const opened = Date.now();
    const closed = await c.closed;
    expect(closed.code).toBe(1006);
    // heartbeat 200 ms: dead within two intervals (plus scheduling slack).
    expect(Date.now() - opened).toBeLessThan(200 * 2 + 300);
    await waitFor('the connection gauge to drop', async () => (await coral.metrics.connections.get()).values[0]?.value === 0);
  });

  it('never pings a peer that speaks: its frames prove it is alive', async () => {
    const c = await rawClient(url, { protocols: [CORAL_SUBPROTOCOL, bearerSubprotocol(loner.token)] });
    let pings = 0;
    c.ws.on('ping', () => pings++);
    await hello(c);
    // A frame every 150 ms for five intervals (under the rate limit): never an interval of silence.
    for (let i = 0; i < 7; i++) {
      c.ws.send(JSON.stringify({ type: 'ping', id: `k${i}` }));
      await new Promise((r) => setTimeout(r, 150));
    }
    expect(c.frames.filter((f) => f.type === 'pong')).toHaveLength(7);
    expect(pings).toBe(0);
    c.ws.close();
  });

  it('pings a silent peer about once an interval and keeps it while it answers', async () => {
    const c = await rawClient(url, { protocols: [CORAL_SUBPROTOCOL, bearerSubprotocol(loner.token)] });
    const pingsAt: number[] = [];
    c.ws.on('ping', () => pingsAt.push(Date.now()));
    await hello(c);
    const opened = Date.now();
    await new Promise((r) => setTimeout(r, 200 * 6));
    expect(c.ws.readyState).toBe(WebSocket.OPEN);
    // Silent for 1.75 intervals, then pinged; the pong restarts the count: 2-3 pings in six intervals.
    expect(pingsAt.length).toBeGreaterThanOrEqual(2);
    expect(pingsAt.length).toBeLessThanOrEqual(3);
    expect(pingsAt[0]! - opened).toBeGreaterThanOrEqual(350 - 20);
    c.ws.close();
  });

  it('an idle Coraline costs one exchange per interval: its own ping, and no ping from Coral', async () => {
    let wsPings = 0;
    let appPings = 0;
    let disconnects = 0;
    // Node's ws, counting what crosses: Coral's protocol-level pings and Coraline's `ping` frames.
    class CountingWebSocket extends WebSocket {
      constructor(address: string, protocols?: string | string[]) {
        super(address, protocols);
        this.on('ping', () => wsPings++);
      }
      override send(data: unknown, ...rest: unknown[]): void {
        if (typeof data === 'string' && data.includes('"type":"ping"')) appPings++;
        (super.send as (...a: unknown[]) => void)(data, ...rest);
      }
    }
    // Its own Coral with a 1 s interval: Coraline speaks by 1.5 intervals and Coral would ping at
    // 1.75, so a quarter interval (250 ms) of timer lateness on a busy test machine changes nothing.
    const keys = generateTicketKeyPair();
    const slow = buildCoral({
      config: coralConfig({
        coralId: 'coral-hb',
        redisUrl: redisServer.url,
        ticketPrivateKeyPem: keys.privateKeyPem,
        ticketPublicKeyPem: keys.publicKeyPem,
        modes: ['2v2'],
        heartbeatMs: 1000,
      }),
      log: pino({ level: 'silent' }),
    });
    const address = await slow.listen(0);
    const client = new Coraline({
      url: `ws://127.0.0.1:${address.port}/v1/play`,
      token: loner.token,
      WebSocket: CountingWebSocket as unknown as WebSocketConstructor,
    });
    client.on('disconnected', () => disconnects++);
    try {
      await client.connect();
      await new Promise((r) => setTimeout(r, 1000 * 5));
      // Coraline pings after an interval of silence from Coral, looking every half interval.
      expect(appPings).toBeGreaterThanOrEqual(3);
      expect(appPings).toBeLessThanOrEqual(5);
      expect(wsPings).toBe(0);
      expect(disconnects).toBe(0);
    } finally {
      client.close();
      await slow.close();
    }
  }, 15_000);

  it('serves /healthz publicly and /metrics only on the internal listener', async () => {
    const base = url.replace('ws://', 'http://').replace('/v1/play', '');
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    expect((await fetch(`${base}/metrics`)).status).toBe(404);
    const internal = `http://127.0.0.1:${coral.internalAddress()!.port}`;
    const metrics = await (await fetch(`${internal}/metrics`)).text();
    for (const name of [
      'coral_connections',
      'coral_queued_players',
      'coral_matches_total',
      'coral_time_to_match_seconds',
      'coral_claim_conflicts_total',
      'coral_recoveries_total',
    ]) {
      expect(metrics).toContain(name);
    }
    expect((await fetch(`${base}/nope`)).status).toBe(404);
  });
});
