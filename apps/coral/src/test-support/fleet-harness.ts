/**
 * Test harness: the fleet API in a tiny node:http server (as Coral will mount
 * it) on the test's real redis-server, a ticket key pair, hooks that record
 * what they are told, and the sweeper. Used by the fleet tests only; it
 * imports nothing beyond Coral's own dependencies (the tests start Redis).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { closeRedis, createRedis, type RedisClient } from '@glaceon/store';
import { generateTicketKeyPair, type TicketKeyPair } from '@glaceon/protocol/node';
import { createFleetApi } from '../fleet/api.js';
import { startFleetSweeper, type FleetSweeper } from '../fleet/sweeper.js';
import type { FleetGameEndedEvent, FleetLog, FleetPlayerEvent } from '../fleet/hooks.js';

export interface FleetHarness {
  url: string;
  redis: RedisClient;
  fleetKey: string;
  keys: TicketKeyPair;
  ended: (FleetGameEndedEvent & { at: number })[];
  playerEvents: FleetPlayerEvent[];
  sweeper: FleetSweeper;
  /** Make the next onGameEnded calls throw (to test redelivery). */
  failHooks: { count: number };
  /** Every request the API was sent, as `<METHOD> <path>`, in arrival order. */
  requests: string[];
  close(): Promise<void>;
}

export const quietLog: FleetLog = { info: () => {}, warn: () => {}, error: () => {} };

export async function startFleetHarness(options: { redisUrl: string; heartbeatMs?: number; ttlMs?: number; sweepMs?: number }): Promise<FleetHarness> {
  const redis = createRedis(options.redisUrl);
  const keys = generateTicketKeyPair();
  const fleetKey = 'test-fleet-key-0123456789abcdef';
  const ended: FleetHarness['ended'] = [];
  const playerEvents: FleetPlayerEvent[] = [];
  const failHooks = { count: 0 };
  const hooks = {
    async onGameEnded(e: FleetGameEndedEvent) {
      if (failHooks.count > 0) {
        failHooks.count--;
        throw new Error('hook failure (test)');
      }
      ended.push({ ...e, at: Date.now() });
    },
    async onPlayerEvent(e: FleetPlayerEvent) {
      playerEvents.push(e);
    },
  };
  const api = createFleetApi({
    redis,
    fleetKey,
    ticketPublicKeyPem: keys.publicKeyPem,
    log: quietLog,
    hooks,
    heartbeatMs: options.heartbeatMs ?? 200,
    ttlMs: options.ttlMs ?? 600,
  });
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    requests.push(`${req.method ?? ''} ${(req.url ?? '').split('?')[0] ?? ''}`);
    void api.handle(req, res).then((handled) => {
      if (!handled) res.writeHead(404).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const sweeper = startFleetSweeper({ redis, intervalMs: options.sweepMs ?? 100, hooks, log: quietLog });
  return {
    url,
    redis,
    fleetKey,
    keys,
    ended,
    playerEvents,
    sweeper,
    failHooks,
    requests,
    async close() {
      await sweeper.stop();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await closeRedis(redis);
    },
  };
}

/** Poll a condition (no fixed sleeps): resolves with its first truthy value, or fails after timeoutMs. */
export async function waitFor<T>(what: string, probe: () => T | Promise<T>, timeoutMs = 10_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
