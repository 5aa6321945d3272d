import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer, WebSocket, type WebSocket as ServerSocket } from 'ws';
import type { AddressInfo } from 'node:net';
import { GlaceonError, PROTOCOL_VERSION } from '@glaceon/protocol';
import { backoffDelay } from './backoff.js';
import { Coraline } from './coraline.js';
import type { WebSocketConstructor } from './socket.js';

const PM = 'pm_test0000000000000000';
const P = 'p_test00000000000000000';

interface FakeCoral {
  url: string;
  sockets: ServerSocket[];
  protocols: string[][];
  auth: (string | undefined)[];
  /** Frames the server received. */
  received: Record<string, unknown>[];
  close(): Promise<void>;
}

/** A scripted Coral: answers hello with welcome + a state snapshot, requests with ack (or error for match.decline). */
async function fakeCoral(options: { silent?: boolean; version?: number; mute?: () => boolean; refuse?: number } = {}): Promise<FakeCoral> {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1', handleProtocols: (set) => (set.has('glaceon.v1') ? 'glaceon.v1' : false) });
  await new Promise<void>((r) => wss.once('listening', () => r()));
  const fake: FakeCoral = {
    url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`,
    sockets: [],
    protocols: [],
    auth: [],
    received: [],
    close: () =>
      new Promise<void>((r) => {
        for (const s of wss.clients) s.terminate();
        wss.close(() => r());
      }),
  };
  wss.on('connection', (ws, req) => {
    fake.sockets.push(ws);
    fake.protocols.push(
      String(req.headers['sec-websocket-protocol'] ?? '')
        .split(',')
        .map((s) => s.trim()),
    );
    fake.auth.push(req.headers.authorization);
    ws.on('message', (data) => {
      const m = JSON.parse(String(data)) as Record<string, unknown>;
      fake.received.push(m);
      if (options.silent || options.mute?.()) return;
      if (m.type === 'hello') {
        if (options.refuse) {
          ws.close(options.refuse, 'refused');
          return;
        }
        if (m.version !== (options.version ?? PROTOCOL_VERSION)) {
          ws.send(JSON.stringify({ type: 'error', code: 'INCOMPATIBLE_VERSION', message: 'no', id: m.id }));
          ws.close(4426, 'incompatible');
          return;
        }
        ws.send(JSON.stringify({ type: 'welcome', id: m.id, version: PROTOCOL_VERSION, playerId: P, coralId: 'fake', heartbeatMs: 1000 }));
        ws.send(
          JSON.stringify({ type: 'match.found', prematchId: PM, mode: '1v1', deadline: Date.now() + 20_000, players: 2, accepted: 0, youAccepted: false }),
        );
        return;
      }
      if (m.type === 'ping') ws.send(JSON.stringify({ type: 'pong', id: m.id, serverTime: Date.now() }));
      else if (m.type === 'match.decline') ws.send(JSON.stringify({ type: 'error', code: 'WRONG_STATE', message: 'over', id: m.id }));
      else ws.send(JSON.stringify({ type: 'ack', id: m.id }));
    });
  });
  return fake;
}

const clients: Coraline[] = [];
const fakes: FakeCoral[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  for (const f of fakes.splice(0)) await f.close();
});

function coraline(url: string, extra: Partial<ConstructorParameters<typeof Coraline>[0]> = {}): Coraline {
  const c = new Coraline({
    url,
    token: 'T'.repeat(43),
    WebSocket: WebSocket as unknown as WebSocketConstructor,
    reconnect: { initialMs: 20, maxMs: 100 },
    ...extra,
  });
  clients.push(c);
  return c;
}

describe('Coraline', () => {
  it('states the protocol version, authenticates by subprotocol, and resolves requests with their replies', async () => {
    const fake = await fakeCoral();
    fakes.push(fake);
    const c = coraline(fake.url);
    const found = c.next('match.found');
    const welcome = await c.connect();
    expect(welcome).toMatchObject({ playerId: P, coralId: 'fake' });
    expect(fake.received[0]).toMatchObject({ type: 'hello', version: PROTOCOL_VERSION });
    expect(fake.protocols[0]).toEqual(['glaceon.v1', `glaceon.bearer.${'T'.repeat(43)}`]);
    expect((await found).prematchId).toBe(PM);
    await c.accept(PM);
    expect(fake.received.at(-1)).toMatchObject({ type: 'match.accept', prematchId: PM });
    const err = await c.decline(PM).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GlaceonError);
    expect((err as GlaceonError).code).toBe('WRONG_STATE');
    await c.reportLatencies([{ region: 'eu-west', rttMs: 31 }]);
    expect(fake.received.at(-1)).toMatchObject({ type: 'region.latencies', latencies: [{ region: 'eu-west', rttMs: 31 }] });
  });

  it('can authenticate with an Authorization header (Node) and never puts the token in the URL', async () => {
    const fake = await fakeCoral();
    fakes.push(fake);
    const c = coraline(fake.url, { auth: 'header' });
    await c.connect();
    expect(fake.auth[0]).toBe(`Bearer ${'T'.repeat(43)}`);
    expect(fake.protocols[0]).toEqual(['glaceon.v1']);
  });

  it('reconnects after the connection drops and resumes from the state the server sends', async () => {
    const fake = await fakeCoral();
    fakes.push(fake);
    const c = coraline(fake.url);
    await c.connect();
    const again = new Promise((r) => c.once('welcome', r));
    const resumed = c.next('match.found');
    fake.sockets[0]!.terminate();
    await again;
    expect(fake.sockets).toHaveLength(2);
    expect((await resumed).prematchId).toBe(PM);
    expect(c.status).toBe('open');
  });

  it('rejects pending requests when the socket drops', async () => {
    const fake = await fakeCoral();
    fakes.push(fake);
    const c = coraline(fake.url, { reconnect: false });
    await c.connect();
    fake.sockets[0]!.removeAllListeners('message');
    const pending = c.startQueue();
    fake.sockets[0]!.terminate();
    await expect(pending).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    expect(c.status).toBe('closed');
  });

  it('does not reconnect after INCOMPATIBLE_VERSION', async () => {
    const fake = await fakeCoral({ version: PROTOCOL_VERSION + 1 });
    fakes.push(fake);
    const c = coraline(fake.url);
    await expect(c.connect()).rejects.toMatchObject({ code: 'INCOMPATIBLE_VERSION' });
    expect(c.status).toBe('closed');
    expect(fake.sockets).toHaveLength(1);
  });

  it.each([
    [4401, 'UNAUTHENTICATED'],
    [4403, 'FORBIDDEN'],
  ] as const)('does not reconnect after close code %i, and rejects with %s', async (code, expected) => {
    const fake = await fakeCoral({ refuse: code });
    fakes.push(fake);
    const c = coraline(fake.url);
    await expect(c.connect()).rejects.toMatchObject({ code: expected });
    expect(c.status).toBe('closed');
    expect(fake.sockets).toHaveLength(1);
  });

  it('gives up on a server that accepts the socket but never answers, and tries again', async () => {
    const fake = await fakeCoral({ silent: true });
    fakes.push(fake);
    const c = coraline(fake.url, { connectTimeoutMs: 150 });
    void c.connect().catch(() => undefined);
    const deadline = Date.now() + 5000;
    while (fake.sockets.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(fake.sockets.length).toBeGreaterThanOrEqual(2);
  });

  it('pings a quiet server and drops one that stopped answering, then reconnects', async () => {
    let muted = false;
    const fake = await fakeCoral({ mute: () => muted });
    fakes.push(fake);
    // 500 ms: the pong of a loaded test box must come back before 2 x livenessMs of silence
    // (at 100 ms a late pong on a busy CI run dropped the healthy socket, a flake).
    const c = coraline(fake.url, { livenessMs: 500 });
    await c.connect();
    // Quiet but alive: the client asks, the server answers, the socket stays.
    const deadline = Date.now() + 5000;
    while (!fake.received.some((m) => m.type === 'ping') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(fake.received.some((m) => m.type === 'ping')).toBe(true);
    expect(fake.sockets).toHaveLength(1);
    // Frozen: no pong; the client gives up on this socket and opens a new one.
    muted = true;
    const reconnected = new Promise<void>((resolve) => c.on('disconnected', () => resolve()));
    await reconnected;
    muted = false;
    const again = await new Promise((r) => c.once('welcome', r));
    expect(again).toMatchObject({ coralId: 'fake' });
    expect(fake.sockets.length).toBeGreaterThanOrEqual(2);
  });

  it('refuses requests while not connected', async () => {
    const c = coraline('ws://127.0.0.1:9', { reconnect: false });
    await expect(c.startQueue()).rejects.toMatchObject({ code: 'UNAVAILABLE' });
  });
});

describe('backoffDelay', () => {
  it('grows exponentially up to the cap, with jitter in [cap/2, cap]', () => {
    const opts = { initialMs: 100, maxMs: 1000, factor: 2 };
    expect(backoffDelay(0, opts, () => 0)).toBe(50);
    expect(backoffDelay(0, opts, () => 1)).toBe(100);
    expect(backoffDelay(3, opts, () => 1)).toBe(800);
    expect(backoffDelay(10, opts, () => 1)).toBe(1000);
    expect(backoffDelay(10, opts, () => 0)).toBe(500);
  });
});
