import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { fleetDecoders, MAX_ALLOCATIONS_PER_PUSH, type FleetAllocation } from '@glaceon/protocol';
import { FleetPushVerifier, fleetServerKey } from '@glaceon/protocol/node';
import type { Allocation } from '@glaceon/store';
import { createAllocationPusher, type PushResult } from './push.js';

const FLEET_KEY = 'push-test-fleet-secret-0123456789';
const SERVER_ID = 'ms_pusher';

interface Received {
  path: string;
  gameIds: string[];
}

/**
 * A control API over real HTTP that checks signatures and bodies as the contract says and records
 * every request. `batchRoute: false`: the batch route answers 404 (an older Moonstone); `hang`:
 * nothing is ever answered; `hold()` delays answers until the function it returns is called.
 */
async function startMoonstone(opts: { batchRoute?: boolean; hang?: boolean } = {}) {
  const verifier = new FleetPushVerifier(fleetServerKey(FLEET_KEY, SERVER_ID));
  const requests: Received[] = [];
  const started = new Set<string>();
  let inFlight = 0;
  let maxInFlight = 0;
  let held: Array<() => void> | undefined;
  const answer = (res: http.ServerResponse, status: number, body: unknown) => {
    const send = () => {
      inFlight--;
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    if (held) held.push(send);
    else send();
  };
  const server = http.createServer((req, res) => {
    let text = '';
    req.on('data', (c: Buffer) => (text += c.toString('utf8')));
    req.on('end', () => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      if (opts.hang) return;
      const path = req.url ?? '';
      const checked = verifier.check('POST', path, text, req.headers['x-glaceon-timestamp'] as string, req.headers['x-glaceon-signature'] as string);
      if (!checked.ok) return answer(res, 401, { code: 'UNAUTHENTICATED', message: checked.reason });
      const take = (a: FleetAllocation) => {
        const created = !started.has(a.gameId);
        started.add(a.gameId);
        return { gameId: a.gameId, created };
      };
      if (path === '/v1/games') {
        const one = fleetDecoders.allocation.decodeText(text);
        if (!one.ok) return answer(res, 400, one.error);
        requests.push({ path, gameIds: [one.value.gameId] });
        return answer(res, 200, take(one.value));
      }
      if (path === '/v1/games/batch' && opts.batchRoute !== false) {
        const batch = fleetDecoders.allocationBatch.decodeText(text, 256 * 1024);
        if (!batch.ok) return answer(res, 400, batch.error);
        requests.push({ path, gameIds: batch.value.allocations.map((a) => a.gameId) });
        return answer(res, 200, { results: batch.value.allocations.map(take) });
      }
      requests.push({ path, gameIds: [] });
      answer(res, 404, { code: 'NOT_FOUND', message: 'No such route.' });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const controlUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  servers.push(server);
  return {
    controlUrl,
    requests,
    started,
    get maxInFlight() {
      return maxInFlight;
    },
    hold() {
      held = [];
      return () => {
        const pending = held ?? [];
        held = undefined;
        for (const send of pending) send();
      };
    },
  };
}

const servers: http.Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

let next = 0;
const allocation = (controlUrl: string): Allocation => {
  next++;
  return {
    serverId: SERVER_ID,
    address: '127.0.0.1:1',
    controlUrl,
    region: 'eu',
    gameId: `g_push${next}`,
    mode: '1v1',
    teams: 2,
    roster: [
      { playerId: `p_${next}a`, name: 'Ash', team: 0 },
      { playerId: `p_${next}b`, name: 'Brock', team: 1 },
    ],
    allocatedAt: 1,
    joinDeadline: 2,
    created: true,
    state: 'running',
  };
};
const many = (n: number, controlUrl: string) => Array.from({ length: n }, () => allocation(controlUrl));
const until = async (what: () => boolean) => {
  for (let i = 0; i < 200 && !what(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(what()).toBe(true);
};

describe('createAllocationPusher (coral-perf-011)', () => {
  it('sends the allocations of one turn to an idle server together: 20 games, at most 2 requests, each push ok', async () => {
    const moon = await startMoonstone();
    const pusher = createAllocationPusher({ fleetKey: FLEET_KEY });
    const games = many(20, moon.controlUrl);
    const results = await Promise.all(games.map((g) => pusher.push(g)));
    expect(results).toEqual(games.map(() => ({ ok: true, status: 200 })));
    expect([...moon.started].sort()).toEqual(games.map((g) => g.gameId).sort());
    expect(moon.requests.length).toBeLessThanOrEqual(2);
    expect(moon.requests.map((r) => r.path)).toContain('/v1/games/batch');
  });

  it('sends a lone allocation as exactly one request to the single route (/v1/games)', async () => {
    const moon = await startMoonstone();
    const pusher = createAllocationPusher({ fleetKey: FLEET_KEY });
    const game = allocation(moon.controlUrl);
    expect(await pusher.push(game)).toEqual({ ok: true, status: 200 });
    expect(moon.requests).toEqual([{ path: '/v1/games', gameIds: [game.gameId] }]);
  });

  it('holds pushes made while one is in flight and sends them as one request when it completes; one request at a time', async () => {
    const moon = await startMoonstone();
    const pusher = createAllocationPusher({ fleetKey: FLEET_KEY });
    const release = moon.hold();
    const first = pusher.push(allocation(moon.controlUrl));
    await until(() => moon.maxInFlight === 1);
    const later = many(10, moon.controlUrl);
    const pending = later.map((g) => pusher.push(g));
    await new Promise((r) => setTimeout(r, 50));
    release();
    expect(await first).toEqual({ ok: true, status: 200 });
    expect(await Promise.all(pending)).toEqual(later.map(() => ({ ok: true, status: 200 })));
    expect(moon.requests.map((r) => [r.path, r.gameIds.length])).toEqual([
      ['/v1/games', 1],
      ['/v1/games/batch', 10],
    ]);
    expect(moon.maxInFlight).toBe(1);
  });

  it(`splits a backlog over ${MAX_ALLOCATIONS_PER_PUSH} into sequential batches, every game delivered once`, async () => {
    const moon = await startMoonstone();
    const pusher = createAllocationPusher({ fleetKey: FLEET_KEY });
    const games = many(150, moon.controlUrl);
    const results = await Promise.all(games.map((g) => pusher.push(g)));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(moon.requests.map((r) => r.gameIds.length)).toEqual([64, 64, 22]);
    expect(moon.requests.flatMap((r) => r.gameIds)).toEqual(games.map((g) => g.gameId));
    expect(moon.maxInFlight).toBe(1);
  });

  it('falls back to single pushes for a server whose batch route answers 404, and remembers it', async () => {
    const moon = await startMoonstone({ batchRoute: false });
    const pusher = createAllocationPusher({ fleetKey: FLEET_KEY });
    const games = many(20, moon.controlUrl);
    const results = await Promise.all(games.map((g) => pusher.push(g)));
    expect(results).toEqual(games.map(() => ({ ok: true, status: 200 })));
    expect([...moon.started].sort()).toEqual(games.map((g) => g.gameId).sort());
    expect(moon.requests.filter((r) => r.path === '/v1/games/batch')).toHaveLength(1);
    expect(moon.requests.filter((r) => r.path === '/v1/games')).toHaveLength(20);
    // Remembered: the next pushes go singly at once, no batch asked again.
    const more = many(5, moon.controlUrl);
    expect((await Promise.all(more.map((g) => pusher.push(g)))).every((r) => r.ok)).toBe(true);
    expect(moon.requests.filter((r) => r.path === '/v1/games/batch')).toHaveLength(1);
    expect(moon.started.size).toBe(25);
  });

  it('bounds the backlog of one server: past 10,000 waiting, a push fails at once (best effort) and the rest still go', async () => {
    const moon = await startMoonstone();
    const pusher = createAllocationPusher({ fleetKey: FLEET_KEY });
    const release = moon.hold();
    const first = pusher.push(allocation(moon.controlUrl));
    await until(() => moon.maxInFlight === 1);
    const waiting = many(10_000, moon.controlUrl).map((g) => pusher.push(g));
    const overflow = pusher.push(allocation(moon.controlUrl));
    expect(await Promise.race([overflow, new Promise((r) => setTimeout(() => r('still waiting'), 500))])).toEqual({ ok: false, error: 'push queue full' });
    release();
    expect((await first).ok).toBe(true);
    expect((await Promise.all(waiting)).every((r) => r.ok)).toBe(true);
    await overflow;
    expect(moon.started.size).toBe(10_001);
  });

  it('resolves every push not ok, quickly and without throwing, when the server is down or does not answer', async () => {
    const gone = await startMoonstone();
    const downUrl = gone.controlUrl;
    await new Promise((r) => servers.pop()!.close(r));
    const hung = await startMoonstone({ hang: true });
    const pusher = createAllocationPusher({ fleetKey: FLEET_KEY, timeoutMs: 200 });
    const startedAt = Date.now();
    const pushes: Array<Promise<PushResult>> = [];
    for (const url of [downUrl, hung.controlUrl]) {
      // A server of its own for each URL (one queue per server id).
      for (const g of many(5, url)) pushes.push(pusher.push({ ...g, serverId: url === downUrl ? 'ms_down' : SERVER_ID }));
    }
    pushes.push(pusher.push({ ...allocation(downUrl), serverId: 'ms_down_alone' }));
    const results = await Promise.all(pushes);
    expect(results.every((r) => !r.ok && typeof r.error === 'string')).toBe(true);
    expect(Date.now() - startedAt).toBeLessThan(2000);
    expect(hung.maxInFlight).toBe(1);
  });
});
