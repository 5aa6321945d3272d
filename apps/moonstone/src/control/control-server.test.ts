import type { AddressInfo } from 'node:net';
import type http from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fleetDecoders, MAX_ALLOCATIONS_PER_PUSH, type FleetAllocation } from '@glaceon/protocol';
import { signFleetPush } from '@glaceon/protocol/node';
import { createControlServer } from './control-server.js';

const SERVER_ID = 'ms_control_test';
const SERVER_KEY = 'control-test-server-key-0123456789abcdefghij';

const allocation = (n: number, serverId = SERVER_ID): FleetAllocation => ({
  gameId: `g_batch${n}`,
  serverId,
  mode: '1v1',
  teams: 2,
  roster: [
    { playerId: `p_${n}a`, name: 'Ash', team: 0 },
    { playerId: `p_${n}b`, name: 'Brock', team: 1 },
  ],
  allocatedAt: 1_700_000_000_000,
  joinDeadline: 1_700_000_060_000,
});

describe('control API: POST /v1/games/batch (coral-perf-011)', () => {
  let server: http.Server;
  let url: string;
  /** Every allocate call the real control server made, in order; the games it knows. */
  const calls: string[] = [];
  const known = new Set<string>();
  let clock = Date.now();

  /** A POST signed with this server's key for `signedPath` (defaults to the path sent to). */
  const post = async (path: string, body: string, opts: { key?: string; signedPath?: string; unsigned?: boolean; headers?: Record<string, string> } = {}) => {
    const signed = signFleetPush(opts.key ?? SERVER_KEY, 'POST', opts.signedPath ?? path, body, clock++);
    const headers = opts.headers ?? (opts.unsigned ? {} : { 'x-glaceon-timestamp': signed.timestamp, 'x-glaceon-signature': signed.signature });
    const res = await fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    return { status: res.status, body: (await res.json()) as unknown, headers };
  };
  const batchBody = (allocations: FleetAllocation[], serverId = SERVER_ID) => JSON.stringify({ serverId, allocations });

  beforeAll(async () => {
    server = createControlServer({
      serverId: SERVER_ID,
      serverKey: SERVER_KEY,
      allocate(a) {
        calls.push(a.gameId);
        if (known.has(a.gameId)) return false;
        known.add(a.gameId);
        return true;
      },
      release: () => 'no_game',
      health: () => ({ ok: true }),
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });
  beforeEach(() => {
    calls.length = 0;
    known.clear();
  });

  it('a signed batch starts each game in order and answers each result in order; repeated, created false', async () => {
    const body = batchBody([allocation(1), allocation(2), allocation(3)]);
    const first = await post('/v1/games/batch', body);
    expect(first.status).toBe(200);
    expect(fleetDecoders.allocationBatchAck.decode(first.body).ok).toBe(true);
    expect(first.body).toEqual({
      results: [
        { gameId: 'g_batch1', created: true },
        { gameId: 'g_batch2', created: true },
        { gameId: 'g_batch3', created: true },
      ],
    });
    expect(calls).toEqual(['g_batch1', 'g_batch2', 'g_batch3']);
    const again = await post('/v1/games/batch', body);
    expect(again.status).toBe(200);
    expect(again.body).toEqual({
      results: [
        { gameId: 'g_batch1', created: false },
        { gameId: 'g_batch2', created: false },
        { gameId: 'g_batch3', created: false },
      ],
    });
  });

  it('takes MAX_ALLOCATIONS_PER_PUSH allocations of a 16-player roster in one request (over the 64 KiB of other routes)', async () => {
    const big = (n: number): FleetAllocation => ({
      ...allocation(n),
      teams: 2,
      roster: Array.from({ length: 16 }, (_, i) => ({ playerId: `p_big${n}x${i}`, name: 'N'.repeat(64), team: i % 2 })),
    });
    const body = batchBody(Array.from({ length: MAX_ALLOCATIONS_PER_PUSH }, (_, i) => big(i)));
    expect(Buffer.byteLength(body)).toBeGreaterThan(64 * 1024);
    const res = await post('/v1/games/batch', body);
    expect(res.status).toBe(200);
    expect(calls).toHaveLength(MAX_ALLOCATIONS_PER_PUSH);
    // The single route keeps its 64 KiB limit.
    expect((await post('/v1/games', JSON.stringify({ ...big(0), pad: 'x'.repeat(64 * 1024) }))).status).toBe(413);
  });

  it('refuses an unsigned, replayed, tampered or wrongly signed batch (401), starting nothing', async () => {
    const body = batchBody([allocation(1), allocation(2), allocation(3)]);
    expect((await post('/v1/games/batch', body, { unsigned: true })).status).toBe(401);
    // Signed for the single route: the path is part of what is signed.
    expect((await post('/v1/games/batch', body, { signedPath: '/v1/games' })).status).toBe(401);
    expect((await post('/v1/games/batch', body, { key: 'another-server-key-0123456789abcdefghijklm' })).status).toBe(401);
    const signed = signFleetPush(SERVER_KEY, 'POST', '/v1/games/batch', body, clock++);
    const headers = { 'x-glaceon-timestamp': signed.timestamp, 'x-glaceon-signature': signed.signature };
    const tampered = batchBody([allocation(1), allocation(2), allocation(4)]);
    const refused = await post('/v1/games/batch', tampered, { headers });
    expect(refused.status).toBe(401);
    expect(refused.body).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(calls).toEqual([]);
    // The genuine request is taken once; the same request again is a replay.
    expect((await post('/v1/games/batch', body, { headers })).status).toBe(200);
    expect(calls).toHaveLength(3);
    expect((await post('/v1/games/batch', body, { headers })).status).toBe(401);
    expect(calls).toHaveLength(3);
  });

  it('refuses the whole batch (403, the path of the first foreign allocation) if one allocation names another server', async () => {
    const res = await post('/v1/games/batch', batchBody([allocation(1), allocation(2, 'ms_other'), allocation(3)]));
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ code: 'FORBIDDEN', path: '/allocations/1/serverId' });
    const other = await post('/v1/games/batch', batchBody([allocation(1)], 'ms_other'));
    expect(other.status).toBe(403);
    expect(other.body).toMatchObject({ code: 'FORBIDDEN', path: '/serverId' });
    expect(calls).toEqual([]);
  });

  it('refuses an empty batch or one over MAX_ALLOCATIONS_PER_PUSH with a typed 400, starting nothing', async () => {
    const over = await post('/v1/games/batch', batchBody(Array.from({ length: MAX_ALLOCATIONS_PER_PUSH + 1 }, (_, i) => allocation(i))));
    expect(over.status).toBe(400);
    expect(over.body).toMatchObject({ code: 'INVALID_MESSAGE', path: '/allocations' });
    const empty = await post('/v1/games/batch', batchBody([]));
    expect(empty.status).toBe(400);
    expect(empty.body).toMatchObject({ code: 'INVALID_MESSAGE' });
    expect(calls).toEqual([]);
  });
});
