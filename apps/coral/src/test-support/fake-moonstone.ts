import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { newId } from '@glaceon/protocol';
import { FleetPushVerifier, fleetServerKey } from '@glaceon/protocol/node';
import { heartbeatServer, type RedisClient } from '@glaceon/store';

/**
 * A stand-in Moonstone for tests and the benchmark: it registers in the fleet
 * registry (the real Redis contract, so allocation is the real one) and
 * accepts allocation pushes on its control endpoint, recording them. It does
 * not run games: tests end a game through the fleet report path or endGame.
 */
export interface FakeMoonstone {
  readonly serverId: string;
  readonly address: string;
  readonly pushes: { gameId: string }[];
  /** Re-register (heartbeat) now, e.g. with another capacity. */
  heartbeat(capacity?: number): Promise<void>;
  stop(): Promise<void>;
}

export async function startFakeMoonstone(redis: RedisClient, options: { capacity: number; fleetKey: string; region?: string }): Promise<FakeMoonstone> {
  const pushes: { gameId: string }[] = [];
  const serverId = newId('ms_');
  // Pushes must carry Coral's signature with this server's key, as a real Moonstone checks.
  const verifier = new FleetPushVerifier(fleetServerKey(options.fleetKey, serverId));
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      const header = (name: string) => (typeof req.headers[name] === 'string' ? (req.headers[name] as string) : undefined);
      if (
        req.method !== 'POST' ||
        req.url !== '/v1/games' ||
        !verifier.check('POST', '/v1/games', body, header('x-glaceon-timestamp'), header('x-glaceon-signature')).ok
      ) {
        res.writeHead(404).end();
        return;
      }
      const parsed = JSON.parse(body) as { gameId: string };
      pushes.push({ gameId: parsed.gameId });
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ gameId: parsed.gameId, created: true }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const instanceId = newId('jt_').slice(3);
  let capacity = options.capacity;
  const heartbeat = async (cap?: number) => {
    if (cap !== undefined) capacity = cap;
    await heartbeatServer(
      redis,
      serverId,
      { address: `127.0.0.1:${port + 1}`, controlUrl: `http://127.0.0.1:${port}`, region: options.region ?? 'local', capacity, version: 'fake-1', instanceId },
      { ttlMs: 10 * 60_000 },
    );
  };
  await heartbeat();
  return {
    serverId,
    address: `127.0.0.1:${port + 1}`,
    pushes,
    heartbeat,
    async stop() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
