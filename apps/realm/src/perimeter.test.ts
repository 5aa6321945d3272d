/**
 * Issue #12, Realm's perimeter, against a real Realm (listening on a real
 * socket) and a real redis-server: the event socket's rate limit, resync
 * coalescing, slow-consumer cut, pong-only liveness and per-account cap
 * (items 1, 11); slow headers (11); metrics only on the internal listener (15).
 */
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { closeCodeOf, PROTOCOL_VERSION } from '@glaceon/protocol';
import { hashToken, publishToPlayer, revokeSessions } from '@glaceon/store';
import { keys } from '@glaceon/store/testing';
import { PASSWORD, raw, startStack, uniqueName, waitFor, type Stack } from './test-support/harness.js';

async function counter(stack: Stack, name: string, labels: string): Promise<number> {
  const text = String((await raw(stack.internalUrls[0]!, { method: 'GET', path: '/metrics' })).body);
  const line = text.split('\n').find((l) => l.startsWith(`${name}{${labels}}`));
  return line ? Number(line.split(' ').pop()) : 0;
}

describe('Realm perimeter (#12)', () => {
  let stack: Stack;
  let url: string;

  beforeAll(async () => {
    stack = await startStack(1, {
      // Long heartbeat: the slow-consumer test must be cut by the buffer cap, not by liveness.
      heartbeatMs: 60_000,
      headersTimeoutMs: 1_000,
      events: { ratePerSec: 10, rateBurst: 20, maxBufferedBytes: 256 * 1024, maxSocketsPerAccount: 3 },
    });
    url = stack.urls[0]!;
  });
  afterAll(async () => stack.close());

  async function account(): Promise<{ token: string; id: string }> {
    const c = stack.client();
    const me = await c.register(uniqueName('pm'), PASSWORD);
    return { token: c.token!, id: me.player.id };
  }

  function open(token: string): Promise<WebSocket> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(`${url.replace('http', 'ws')}/v1/events`, { headers: { authorization: `Bearer ${token}` } });
      ws.once('open', () => resolve(ws));
      ws.once('error', reject);
    });
  }

  async function greeted(token: string): Promise<{ ws: WebSocket; messages: Record<string, unknown>[]; closed: Promise<number> }> {
    const ws = await open(token);
    const messages: Record<string, unknown>[] = [];
    ws.on('message', (d) => messages.push(JSON.parse(String(d)) as Record<string, unknown>));
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    ws.send(JSON.stringify({ type: 'hello', version: PROTOCOL_VERSION, id: 'h' }));
    await waitFor(() => messages.some((m) => m.type === 'snapshot'), 5000, 'snapshot');
    return { ws, messages, closed };
  }

  it('3,000 resync frames: a few snapshots, one RATE_LIMITED error, then the socket is closed', async () => {
    const { token } = await account();
    const { ws, messages, closed } = await greeted(token);
    const before = await counter(stack, 'realm_event_pushes_total', 'type="snapshot"');
    const floodStart = Date.now();
    for (let i = 0; i < 3000; i++) ws.send(JSON.stringify({ type: 'resync', id: `r${i}` }));
    expect(await closed).toBe(closeCodeOf('RATE_LIMITED'));
    const floodMs = Date.now() - floodStart;
    const snapshots = messages.filter((m) => m.type === 'snapshot').length - 1;
    const errors = messages.filter((m) => m.type === 'error');
    // Before: 3,001 snapshots. Now at most the bucket's burst (20) is even
    // considered, coalesced while one is in flight (a real Realm process built 4),
    // and the flood closes the socket after 100 refusals in a row.
    expect(snapshots).toBeLessThanOrEqual(20);
    // Told once per run of refusals, then the closing error. A run ends only when the bucket
    // refills (10 frames/s), so a loaded machine that reads the flood slowly may see one more
    // notice per 100 ms of flood, never one per frame.
    const notices = errors.filter((e) => e.code === 'RATE_LIMITED').length;
    expect(notices).toBeGreaterThanOrEqual(2);
    expect(notices).toBeLessThanOrEqual(2 + Math.ceil(floodMs / 100));
    expect((await counter(stack, 'realm_event_pushes_total', 'type="snapshot"')) - before).toBe(snapshots);
    expect(await counter(stack, 'realm_event_sockets_dropped_total', 'reason="flood"')).toBe(1);
  });

  it('resyncs in flight are coalesced: a burst within the rate limit builds at most two snapshots', async () => {
    const { token } = await account();
    const { ws, messages } = await greeted(token);
    // One TCP write: Realm reads the 15 frames together, so they meet one snapshot in flight.
    const raw = (ws as unknown as { _socket: { cork(): void; uncork(): void } })._socket;
    raw.cork();
    for (let i = 0; i < 15; i++) ws.send(JSON.stringify({ type: 'resync', id: `c${i}` }));
    raw.uncork();
    // The last request is always answered (the coalesced snapshot carries the latest id).
    await waitFor(() => messages.some((m) => m.type === 'snapshot' && m.id === 'c14'), 5000, 'the last resync answered');
    const answered = messages.filter((m) => m.type === 'snapshot').length - 1;
    expect(answered).toBeLessThanOrEqual(2);
    expect(messages.some((m) => m.type === 'error')).toBe(false);
    ws.close();
  });

  it('an account that never reads: the socket is terminated at the buffer cap, Realm memory stays bounded', async () => {
    const { token, id } = await account();
    const { ws } = await greeted(token);
    // Stop reading: the kernel buffers fill, then Realm's send queue.
    (ws as unknown as { _socket: { pause(): void } })._socket.pause();
    const rssBefore = process.memoryUsage().rss;
    const event = { type: 'error', code: 'INTERNAL', message: 'x'.repeat(500) };
    let published = 0;
    let cut = false;
    // Each message ~560 bytes: 200,000 would be ~110 MB queued without the cap.
    while (published < 200_000 && !cut) {
      const batch = [];
      for (let i = 0; i < 2000; i++) batch.push(publishToPlayer(stack.redis, id, { kind: 'event', event }));
      await Promise.all(batch);
      published += batch.length;
      cut = stack.apps[0]!.hub.size === 0;
    }
    await waitFor(() => stack.apps[0]!.hub.size === 0, 10_000, 'the slow consumer to be cut');
    expect(await counter(stack, 'realm_event_sockets_dropped_total', 'reason="slow_consumer"')).toBe(1);
    const pushed = await counter(stack, 'realm_event_pushes_total', 'type="error"');
    // Cut long before everything published reached its queue.
    expect(pushed * 560).toBeLessThan(64 * 1024 * 1024);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(200 * 1024 * 1024);
    ws.terminate();
  });

  it('caps event sockets per account: the oldest is closed with a typed code', async () => {
    const { token } = await account();
    const first = await greeted(token);
    await greeted(token);
    await greeted(token);
    expect(stack.apps[0]!.hub.size).toBe(3);
    const fourth = await greeted(token);
    expect(await first.closed).toBe(closeCodeOf('RATE_LIMITED'));
    expect(stack.apps[0]!.hub.size).toBe(3);
    expect(fourth.ws.readyState).toBe(WebSocket.OPEN);
  });

  it('liveness counts pongs only: a client that keeps sending but never answers pings is dropped', async () => {
    const live = await startStack(1, { heartbeatMs: 200 });
    try {
      const c = live.client();
      await c.register(uniqueName('pg'), PASSWORD);
      const ws = new WebSocket(`${live.urls[0]!.replace('http', 'ws')}/v1/events`, { headers: { authorization: `Bearer ${c.token!}` }, autoPong: false });
      const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
      await new Promise((resolve) => ws.once('open', resolve));
      ws.send(JSON.stringify({ type: 'hello', version: PROTOCOL_VERSION }));
      // Application pings keep flowing (within the rate limit), pongs never do.
      const chatter = setInterval(() => ws.send(JSON.stringify({ type: 'ping' })), 100);
      const code = await closed;
      clearInterval(chatter);
      expect(code).toBe(1006); // terminated, no close frame
      expect(await counter(live, 'realm_event_sockets_dropped_total', 'reason="silent"')).toBe(1);
    } finally {
      await live.close();
    }
  });

  it('a revoked session closes its event socket on every instance at once, through the revocation stream', async () => {
    // No heartbeat and no re-check within the test: only the stream can close the sockets.
    const live = await startStack(2, { heartbeatMs: 600_000, sessionRecheckMs: 600_000 });
    try {
      const c = live.client();
      await c.register(uniqueName('rs'), PASSWORD);
      const tokenHash = hashToken(c.token!);
      const sockets = await Promise.all(
        live.urls.map(async (u) => {
          const ws = new WebSocket(`${u.replace('http', 'ws')}/v1/events`, { headers: { authorization: `Bearer ${c.token!}` } });
          const closed = new Promise<{ code: number; at: number }>((resolve) => ws.once('close', (code) => resolve({ code, at: Date.now() })));
          const snapshot = new Promise((resolve) => ws.once('message', resolve));
          await new Promise((resolve) => ws.once('open', resolve));
          ws.send(JSON.stringify({ type: 'hello', version: PROTOCOL_VERSION }));
          await snapshot;
          // Wrapped: an async function returning the promise itself would wait for the close.
          return { closed };
        }),
      );
      const playerId = (await live.redis.hget(keys.session(tokenHash), 'playerId'))!;
      const started = Date.now();
      // Ended by the store, not by a sign-out request: no bus message reaches the instances.
      await revokeSessions(live.redis, playerId, [tokenHash]);
      for (const { closed } of sockets) {
        const { code, at } = await closed;
        expect(code).toBe(closeCodeOf('UNAUTHENTICATED'));
        expect(at - started).toBeLessThan(2000);
      }
    } finally {
      await live.close();
    }
  });

  it('an event socket whose session ended without a revocation is closed by the periodic re-check', async () => {
    const live = await startStack(1, { heartbeatMs: 200, sessionRecheckMs: 200 });
    try {
      const c = live.client();
      await c.register(uniqueName('se'), PASSWORD);
      const ws = new WebSocket(`${live.urls[0]!.replace('http', 'ws')}/v1/events`, { headers: { authorization: `Bearer ${c.token!}` } });
      const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
      const snapshot = new Promise((resolve) => ws.once('message', resolve));
      await new Promise((resolve) => ws.once('open', resolve));
      ws.send(JSON.stringify({ type: 'hello', version: PROTOCOL_VERSION }));
      await snapshot;
      // The session ends with no revocation entry (as if it expired, or the entry was lost in a failover).
      await live.redis.del(keys.session(hashToken(c.token!)));
      expect(await closed).toBe(closeCodeOf('UNAUTHENTICATED'));
    } finally {
      await live.close();
    }
  });

  it('slow headers: a connection that dribbles its headers is cut', async () => {
    const socket = connect(Number(new URL(url).port), '127.0.0.1');
    const started = Date.now();
    const ended = new Promise<number>((resolve) => socket.once('close', () => resolve(Date.now() - started)));
    socket.on('error', () => undefined);
    socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n');
    // One header byte every 200 ms: never idle long enough for the idle timeout.
    const drip = setInterval(() => socket.write('X-A: b\r\n'), 200);
    const elapsed = await ended;
    clearInterval(drip);
    expect(elapsed).toBeLessThan(4000);
    expect(elapsed).toBeGreaterThanOrEqual(900);
  });

  it('metrics are not served on the public listener, only on the internal one', async () => {
    expect((await raw(url, { method: 'GET', path: '/metrics' })).status).toBe(404);
    const internal = await raw(stack.internalUrls[0]!, { method: 'GET', path: '/metrics' });
    expect(internal.status).toBe(200);
    expect(String(internal.body)).toContain('realm_event_sockets');
  });
});
