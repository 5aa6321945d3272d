/**
 * Two Realm instances on one Redis: one in this process (buildApp), one a
 * real child process started from server.ts with its configuration in the
 * environment. Pushes raised on one reach sockets held by the other; rate
 * limits are shared.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { freePort, spawnManaged, waitForPort, type ManagedProcess } from '@glaceon/testkit';
import { RealmClient, RealmEvents, type RealmWebSocketConstructor } from '@glaceon/client';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import { PASSWORD, startTestRedis, TEST_CONFIG, uniqueName, type TestRedisServer } from './test-support/harness.js';

const SERVER = fileURLToPath(new URL('./server.ts', import.meta.url));

describe('two Realm instances on one Redis', () => {
  let redis: TestRedisServer;
  let inProcess: FastifyInstance;
  let child: ManagedProcess;
  let urlA: string, urlB: string;
  const sockets: RealmEvents[] = [];
  const evAHolder: { a?: RealmEvents; idB?: string } = {};
  const events = (client: RealmClient, url: string) => {
    const ev = new RealmEvents({
      url: `${url.replace('http', 'ws')}/v1/events`,
      token: () => client.token,
      WebSocket: WebSocket as unknown as RealmWebSocketConstructor,
      minDelayMs: 50,
    });
    sockets.push(ev);
    return ev;
  };

  beforeAll(async () => {
    redis = await startTestRedis();
    const rl = { joinByToken: { max: 4, windowMs: 60_000 } };
    inProcess = await buildApp({ config: { ...TEST_CONFIG, redisUrl: redis.url, rateLimits: rl as never }, logger: false });
    await inProcess.listen({ port: 0, host: '127.0.0.1' });
    urlA = `http://127.0.0.1:${(inProcess.server.address() as { port: number }).port}`;
    const port = await freePort();
    child = spawnManaged(process.execPath, ['--conditions=glaceon-source', '--import', 'tsx', SERVER], {
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        REDIS_URL: redis.url,
        RL_JOIN_MAX: '4',
        HEARTBEAT_MS: '500',
        PRESENCE_TTL_MS: '1500',
        LOG_LEVEL: 'warn',
      },
    });
    await waitForPort(port, '127.0.0.1', 20_000).catch((e: unknown) => {
      throw new Error(`realm child did not start: ${String(e)}\n${child.output()}`);
    });
    urlB = `http://127.0.0.1:${port}`;
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await inProcess?.close();
    await child?.stop();
    await redis?.stop();
  });

  it('pushes raised on one instance reach a socket held by the other, presence included', async () => {
    const a = new RealmClient({ baseUrl: urlA });
    const b = new RealmClient({ baseUrl: urlB });
    const nameA = (await a.register(uniqueName('a'), PASSWORD)).player.name;
    const idB = (await b.register(uniqueName('b'), PASSWORD)).player.id;
    const evB = events(b, urlB); // b's socket is on the child
    await evB.connect();
    const request = evB.next('friend.request');
    await a.sendFriendRequest((await b.me()).name); // raised on the in-process instance
    expect((await request).from.name).toBe(nameA);

    const evA = events(a, urlA);
    await evA.connect();
    const friendsA = evA.next('friends.updated', (m) => m.friends.friends.length === 1);
    await b.acceptFriendRequest((await a.me()).id); // raised on the child
    expect((await friendsA).friends.friends[0]!.id).toBe(idB);

    // Presence: a's socket on A; b (socket on B) hears a go into a lobby, within a second.
    const inLobby = evB.next('presence', (m) => m.presence === 'in_lobby');
    const t0 = Date.now();
    const lobby = await a.createLobby('2v2');
    evAHolder.a = evA;
    evAHolder.idB = idB;
    await inLobby;
    expect(Date.now() - t0).toBeLessThan(1000);

    // Lobby updates cross instances too: b joins through the child, a's socket on A hears it.
    const joined = evA.next('lobby.updated', (m) => m.lobby?.members.length === 2);
    await b.joinByToken(lobby.invite!.token);
    expect((await joined).lobby!.members.map((m) => m.id)).toContain(idB);
  });

  it('shares rate limits between instances', async () => {
    const c = new RealmClient({ baseUrl: urlA });
    await c.register(uniqueName('c'), PASSWORD);
    const onB = new RealmClient({ baseUrl: urlB, token: c.token! });
    const codes: string[] = [];
    for (let i = 0; i < 6; i++) {
      const client = i % 2 === 0 ? c : onB;
      codes.push(
        await client.joinByToken(`${'Z'.repeat(31)}${i}`).then(
          () => 'ok',
          (e: { code: string }) => e.code,
        ),
      );
    }
    // Limit 4 per address across both instances; the join in the previous test (via the child) used one.
    expect(codes).toEqual(['INVITE_INVALID', 'INVITE_INVALID', 'INVITE_INVALID', 'RATE_LIMITED', 'RATE_LIMITED', 'RATE_LIMITED']);
  });

  it('when an instance dies, its players go offline for their friends after the presence TTL', async () => {
    const offline = evAHolder.a!.next('presence', (m) => m.playerId === evAHolder.idB && m.presence === 'offline', 10_000);
    const t0 = Date.now();
    child.kill('SIGKILL'); // no goodbye: only the TTL and the surviving instance's sweep can tell
    await offline;
    // presence TTL 1.5 s + one 0.5 s heartbeat, with slack for a loaded machine.
    expect(Date.now() - t0).toBeLessThan(5000);
  });
});
