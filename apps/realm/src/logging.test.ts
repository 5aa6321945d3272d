/** Secrets never reach the logs: passwords, session tokens, invite tokens, bearer headers. */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { FastifyInstance } from 'fastify';
import { startRedis, type RedisHandle } from '@glaceon/testkit';
import { RealmClient, RealmEvents, type RealmWebSocketConstructor } from '@glaceon/client';
import { buildApp } from './app.js';
import { PASSWORD, TEST_CONFIG, uniqueName } from './test-support/harness.js';

describe('logs', () => {
  let redis: RedisHandle;
  let app: FastifyInstance;
  let url: string;
  let output = '';
  beforeAll(async () => {
    redis = await startRedis();
    const stream = new Writable({
      write(chunk: Buffer, _enc, done) {
        output += chunk.toString();
        done();
      },
    });
    app = await buildApp({ config: { ...TEST_CONFIG, redisUrl: redis.url, logLevel: 'debug' }, logger: { stream } });
    await app.listen({ port: 0, host: '127.0.0.1' });
    url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  });
  afterAll(async () => {
    await app.close();
    await redis.stop();
  });

  it('carry requests and errors but no credential', async () => {
    const c = new RealmClient({ baseUrl: url });
    const session = await c.register(uniqueName('log'), PASSWORD);
    await c.signIn(session.player.name, PASSWORD).catch(() => undefined);
    const lobby = await c.createLobby('2v2');
    const events = new RealmEvents({ url: c.eventsUrl(), token: () => c.token, WebSocket: WebSocket as unknown as RealmWebSocketConstructor });
    await events.connect();
    events.close();
    await c.joinByToken('Q'.repeat(32)).catch(() => undefined);
    app.log.info({ req: { headers: { authorization: `Bearer ${c.token}` } }, body: { password: PASSWORD, token: lobby.invite!.token } }, 'synthetic');

    expect(output).toContain('"url":"/v1/accounts"');
    expect(output).toContain('[redacted]');
    for (const secret of [PASSWORD, session.token, c.token!, lobby.invite!.token]) expect(output).not.toContain(secret);
  });
});
