import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import type { Coraline } from '@glaceon/client';
import { generateTicketKeyPair } from '@glaceon/protocol/node';
import { closeRedis, createRedis, type RedisClient } from '@glaceon/store';
import { startRedisCluster, type RedisClusterHandle } from '@glaceon/testkit';
import { buildCoral, type Coral } from '../app.js';
import { coralConfig } from '../config/config.js';
import { startFakeMoonstone, type FakeMoonstone } from '../test-support/fake-moonstone.js';
import { connectSoloAccepter } from '../test-support/players.js';

/** Two Corals on a real 3-master Redis Cluster: sharded pub/sub, coalesced writes and scripts across slots. */
describe('Coral on Redis Cluster', () => {
  let cluster: RedisClusterHandle;
  let redis: RedisClient;
  const corals: Coral[] = [];
  let moonstone: FakeMoonstone;
  const clients: Coraline[] = [];

  beforeAll(async () => {
    cluster = await startRedisCluster();
    redis = createRedis(cluster.url);
    const keys = generateTicketKeyPair();
    for (const id of ['coral-a', 'coral-b']) {
      const coral = buildCoral({
        config: coralConfig({
          coralId: id,
          redisUrl: cluster.url,
          ticketPrivateKeyPem: keys.privateKeyPem,
          ticketPublicKeyPem: keys.publicKeyPem,
          modes: ['1v1', '2v2'],
        }),
        log: pino({ level: 'silent' }),
      });
      await coral.listen(0);
      corals.push(coral);
    }
    moonstone = await startFakeMoonstone(redis, { capacity: 10, fleetKey: 'dev-fleet-key-not-secret' });
  }, 60_000);

  afterAll(async () => {
    for (const c of clients) c.close();
    await moonstone?.stop();
    for (const c of corals) await c.close();
    if (redis) await closeRedis(redis);
    await cluster?.stop();
  });

  it('matches players held by different Corals and hands each their game', async () => {
    const ready = [];
    for (let i = 0; i < 2; i++) {
      const port = corals[i]!.server.address() as { port: number };
      const { client } = await connectSoloAccepter(redis, `ws://127.0.0.1:${port.port}`, clients);
      ready.push(client.next('game.ready', () => true, 20_000));
    }
    for (const c of clients) await c.startQueue();
    const games = await Promise.all(ready);
    expect(games[0]!.gameId).toBe(games[1]!.gameId);
    expect(games[0]!.serverId).toBe(moonstone.serverId);
  }, 40_000);
});
