/**
 * #12 items 5 and 6 against real processes: a real redis-server, a real Realm
 * (server.ts) and two real Coral processes. Signing out (and signing out
 * everywhere) closes the session's open Coral sockets on every Coral within
 * seconds (through the revocation stream); a session that ended without a
 * revocation is caught by Coral's periodic re-check; Coral's connect path slides a session by the TTL stored with it.
 */
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { closeCodeOf, PROTOCOL_VERSION } from '@glaceon/protocol';
import { generateTicketKeyPair } from '@glaceon/protocol/node';
import { RealmClient } from '@glaceon/client';
import { closeRedis, createRedis, hashToken, type RedisClient } from '@glaceon/store';
import { keys } from '@glaceon/store/testing';
import { freePort, spawnService, startRedis, type RedisHandle, type ServiceHandle } from '@glaceon/testkit';
import { PASSWORD, uniqueName } from '../test-support/harness.js';

const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const REALM_ENTRY = path.join(REPO_ROOT, 'apps/realm/src/server.ts');
const CORAL_ENTRY = path.join(REPO_ROOT, 'apps/coral/src/server.ts');
const SESSION_TTL_MS = 10 * 60_000;

describe('session revocation reaches every Coral (#12 items 5, 6)', () => {
  let redisServer: RedisHandle;
  let redis: RedisClient;
  let realmUrl: string;
  const coralPorts: number[] = [];
  const procs: ServiceHandle[] = [];

  beforeAll(async () => {
    redisServer = await startRedis();
    redis = createRedis(redisServer.url);
    const realmPort = await freePort();
    realmUrl = `http://127.0.0.1:${realmPort}`;
    const common = { REDIS_URL: redisServer.url, HOST: '127.0.0.1', GLACEON_INSECURE_DEV: '1', LOG_LEVEL: 'warn', NODE_ENV: 'test' };
    procs.push(
      await spawnService({
        entry: REALM_ENTRY,
        name: 'realm',
        cwd: REPO_ROOT,
        env: { ...common, PORT: String(realmPort), INTERNAL_PORT: String(await freePort()), SESSION_TTL_MS: String(SESSION_TTL_MS) },
        readyPort: realmPort,
        readyTimeoutMs: 30_000,
      }),
    );
    const ticketKeys = generateTicketKeyPair();
    for (let i = 0; i < 2; i++) {
      const port = await freePort();
      coralPorts.push(port);
      procs.push(
        await spawnService({
          entry: CORAL_ENTRY,
          name: `coral-${i + 1}`,
          cwd: REPO_ROOT,
          env: {
            ...common,
            PORT: String(port),
            INTERNAL_PORT: String(await freePort()),
            CORAL_ID: `coral-${i + 1}`,
            FLEET_KEY: 'test-fleet-key-0123456789-0123456789',
            TICKET_PRIVATE_KEY: Buffer.from(ticketKeys.privateKeyPem).toString('base64'),
            TICKET_PUBLIC_KEY: Buffer.from(ticketKeys.publicKeyPem).toString('base64'),
            // coral-1 has only the revocation stream to go by (its re-check would take ten
            // minutes): what it closes within seconds, the stream told it. coral-2 re-checks
            // every half second: it catches a session that ended without a revocation.
            SESSION_RECHECK_MS: i === 0 ? '600000' : '500',
          },
          readyLine: /CORAL_READY /,
          readyTimeoutMs: 30_000,
        }),
      );
    }
  });

  afterAll(async () => {
    await Promise.all(procs.map((p) => p.stop().catch(() => undefined)));
    if (redis) await closeRedis(redis);
    await redisServer?.stop();
  });

  /** A player socket on one Coral, greeted; resolves its close code. */
  async function coralSocket(token: string, coral: number): Promise<{ ws: WebSocket; closed: Promise<{ code: number; at: number }> }> {
    const ws = new WebSocket(`ws://127.0.0.1:${coralPorts[coral]!}/v1/play`, ['glaceon.v1'], { headers: { authorization: `Bearer ${token}` } });
    const closed = new Promise<{ code: number; at: number }>((resolve) => ws.once('close', (code) => resolve({ code, at: Date.now() })));
    await new Promise<void>((resolve, reject) => {
      ws.once('error', reject);
      ws.once('message', () => resolve()); // the welcome
      ws.once('open', () => ws.send(JSON.stringify({ type: 'hello', id: 'hello', version: PROTOCOL_VERSION })));
    });
    return { ws, closed };
  }

  async function signedIn(): Promise<{ name: string; client: RealmClient }> {
    const name = uniqueName('rv');
    const client = new RealmClient({ baseUrl: realmUrl });
    await client.register(name, PASSWORD);
    return { name, client };
  }

  it('sign out closes the session’s Coral sockets, on every Coral, within seconds', async () => {
    const { client } = await signedIn();
    const token = client.token!;
    const one = await coralSocket(token, 0);
    const two = await coralSocket(token, 1);
    const started = Date.now();
    await client.signOut();
    for (const s of [one, two]) {
      const { code, at } = await s.closed;
      expect(code).toBe(closeCodeOf('UNAUTHENTICATED'));
      expect(at - started).toBeLessThan(2000);
    }
  });

  it('sign out everywhere closes every session’s sockets; other accounts keep theirs', async () => {
    const { name, client } = await signedIn();
    const second = new RealmClient({ baseUrl: realmUrl });
    await second.signIn(name, PASSWORD);
    const bystander = await signedIn();
    const a = await coralSocket(client.token!, 0);
    const b = await coralSocket(second.token!, 1);
    const c = await coralSocket(bystander.client.token!, 0);
    const started = Date.now();
    await second.signOutEverywhere();
    for (const s of [a, b]) {
      const { code, at } = await s.closed;
      expect(code).toBe(closeCodeOf('UNAUTHENTICATED'));
      expect(at - started).toBeLessThan(2000);
    }
    expect(c.ws.readyState).toBe(WebSocket.OPEN);
    c.ws.close();
  });

  it('a session that ended without a revocation is caught by the periodic re-check', async () => {
    const { client } = await signedIn();
    const s = await coralSocket(client.token!, 1);
    // The session ends with no revocation at all (as if it expired, or its entry was lost in a failover).
    await redis.del(keys.session(hashToken(client.token!)));
    const started = Date.now();
    const { code, at } = await s.closed;
    expect(code).toBe(closeCodeOf('UNAUTHENTICATED'));
    expect(at - started).toBeLessThan(3000);
  });

  it('connecting to Coral slides the session by its stored TTL, not 30 days', async () => {
    const { client } = await signedIn();
    const key = keys.session(hashToken(client.token!));
    expect(Number(await redis.hget(key, 'ttlMs'))).toBe(SESSION_TTL_MS);
    // Make the next resolve slide (it slides at most once a minute).
    await redis.hset(key, 'slidAt', 0);
    const s = await coralSocket(client.token!, 0);
    expect(Number(await redis.hget(key, 'slidAt'))).toBeGreaterThan(0);
    const ttl = await redis.pttl(key);
    expect(ttl).toBeGreaterThan(SESSION_TTL_MS - 60_000);
    expect(ttl).toBeLessThanOrEqual(SESSION_TTL_MS);
    s.ws.close();
  });
});
