import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { newId } from '@glaceon/protocol';
import { FleetPushVerifier, fleetServerKey } from '@glaceon/protocol/node';
import { heartbeatServer, type RedisClient } from '@glaceon/store';

/**
 * FLEET STAND-IN, not a Moonstone: one entry registered in the real fleet
 * registry (so Coral's allocation path is the real one) whose control
 * endpoint accepts allocation pushes and counts them. It runs no games, so
 * the benchmark measures matchmaking and game creation, not game servers.
 */
export interface FleetStandIn {
  readonly serverId: string;
  pushes(): number;
  stop(): Promise<void>;
}

export async function startFleetStandIn(redis: RedisClient, options: { capacity: number; fleetKey: string }): Promise<FleetStandIn> {
  let pushes = 0;
  const serverId = newId('ms_');
  const verifier = new FleetPushVerifier(fleetServerKey(options.fleetKey, serverId));
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      const ts = req.headers['x-glaceon-timestamp'];
      const sig = req.headers['x-glaceon-signature'];
      const signed = verifier.check('POST', '/v1/games', body, typeof ts === 'string' ? ts : undefined, typeof sig === 'string' ? sig : undefined).ok;
      if (req.method === 'POST' && req.url === '/v1/games' && signed) {
        pushes++;
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"created":true}');
      } else {
        res.writeHead(404).end();
      }
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await heartbeatServer(
    redis,
    serverId,
    {
      address: `127.0.0.1:${port}`,
      controlUrl: `http://127.0.0.1:${port}`,
      region: 'local',
      capacity: options.capacity,
      version: 'bench-standin',
      instanceId: newId('jt_').slice(3),
    },
    { ttlMs: 60 * 60_000 },
  );
  return {
    serverId,
    pushes: () => pushes,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
