import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import type { FastifyInstance } from 'fastify';
import { startRedis, type RedisHandle } from '@glaceon/testkit';
import { buildApp } from '@glaceon/realm';
import { RealmClient, RealmEvents, RealmRequestError, type RealmWebSocketConstructor, type RealmWebSocketLike } from './index.js';

const WS = WebSocket as unknown as RealmWebSocketConstructor;

describe('RealmEvents reconnect and resync (real Realm)', () => {
  let redis: RedisHandle;
  let app: FastifyInstance;
  let url: string;
  beforeAll(async () => {
    redis = await startRedis();
    app = await buildApp({ config: { redisUrl: redis.url, heartbeatMs: 500, presenceTtlMs: 1500 }, logger: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  });
  afterAll(async () => {
    await app.close();
    await redis.stop();
  });

  it('reconnects after the link drops and catches up from the snapshot', async () => {
    const a = new RealmClient({ baseUrl: url });
    const b = new RealmClient({ baseUrl: `${url}/` });
    await a.register(`ca_${process.pid % 1000}`, 'correct-horse-battery');
    const bName = `cb_${process.pid % 1000}`;
    await b.register(bName, 'correct-horse-battery');
    // While `away`, the client's reconnects carry a token Realm refuses (401 at the
    // upgrade), so the change below surely lands while it is away: without this,
    // a fast reconnect could take its snapshot before the change and wait forever.
    let away = false;
    const events = new RealmEvents({ url: a.eventsUrl(), token: () => (away ? 'x'.repeat(43) : a.token), WebSocket: WS, minDelayMs: 20, maxDelayMs: 100 });
    const first = await events.connect();
    expect(first.friends.outgoing).toEqual([]);

    const states: string[] = [];
    events.onState((s) => states.push(s));
    const resynced = events.next('snapshot', (s) => s.friends.incoming.length === 1, 5000);
    // Drop every socket server-side, then change state while the client is away.
    away = true;
    for (const client of app.websocketServer.clients) client.terminate();
    await b.sendFriendRequest(first.me.name);
    away = false;
    const snap = await resynced;
    expect(snap.friends.incoming[0]!.name).toBe(bName);
    expect(states).toContain('connecting');
    expect(events.state).toBe('open');
    events.close();
    expect(events.state).toBe('closed');
  });

  it('stops retrying once the session is gone (the browser cannot see the 401)', async () => {
    const c = new RealmClient({ baseUrl: url });
    await c.register(`cv_${process.pid % 1000}`, 'correct-horse-battery');
    const dead = new RealmClient({ baseUrl: url, token: c.token! });
    await c.signOut();
    const events = new RealmEvents({
      url: dead.eventsUrl(),
      token: () => dead.token,
      WebSocket: WS,
      minDelayMs: 20,
      verifySession: () =>
        dead.me().then(
          () => true,
          (e: { code?: string }) => e.code !== 'UNAUTHENTICATED',
        ),
    });
    const ended = new Promise<number | undefined>((resolve) => events.onState((s, d) => s === 'closed' && d?.code === 4401 && resolve(d.code)));
    void events.connect().catch(() => undefined);
    expect(await ended).toBe(4401);
    events.close();
  });

  it('maps failures to typed errors', async () => {
    const c = new RealmClient({ baseUrl: url, token: 'A'.repeat(43) });
    const error = await c.me().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RealmRequestError);
    expect(error).toMatchObject({ code: 'UNAUTHENTICATED', status: 401 });
    const down = new RealmClient({ baseUrl: 'http://127.0.0.1:1' });
    await expect(down.health()).rejects.toMatchObject({ code: 'UNAVAILABLE' });
  });
});

describe('RealmEvents backoff', () => {
  // Test files share a worker (vitest.config.ts: isolate false): a failure here must not leave the clock fake.
  afterEach(() => vi.useRealTimers());

  it('backs off exponentially up to the cap, and stops on a final close code', () => {
    vi.useFakeTimers();
    const opened: FakeSocket[] = [];
    class FakeSocket implements RealmWebSocketLike {
      readyState = 0;
      onopen: RealmWebSocketLike['onopen'] = null;
      onclose: RealmWebSocketLike['onclose'] = null;
      onerror: RealmWebSocketLike['onerror'] = null;
      onmessage: RealmWebSocketLike['onmessage'] = null;
      constructor(
        readonly url: string,
        readonly protocols?: string | string[],
      ) {
        opened.push(this);
      }
      send(): void {}
      close(): void {}
    }
    const events = new RealmEvents({ url: 'ws://x/v1/events', token: 'tok', WebSocket: FakeSocket, minDelayMs: 100, maxDelayMs: 800, random: () => 1 });
    void events.connect().catch(() => undefined);
    expect(opened[0]!.protocols).toEqual(['glaceon.v1', 'glaceon.bearer.tok']);
    const delays: number[] = [];
    let last = Date.now();
    for (let i = 0; i < 5; i++) {
      opened.at(-1)!.onclose!({ code: 1006, reason: '' });
      const before = opened.length;
      while (opened.length === before) vi.advanceTimersByTime(10);
      delays.push(Date.now() - last);
      last = Date.now();
    }
    expect(delays).toEqual([100, 200, 400, 800, 800]);
    opened.at(-1)!.onclose!({ code: 4401, reason: 'signed out' });
    const count = opened.length;
    vi.advanceTimersByTime(10_000);
    expect(opened.length).toBe(count);
    events.close();
    vi.useRealTimers();
  });
});
