/**
 * Issue #14, regions: one slot per (queue, region), against real Coral processes (behind
 * nginx), real Redis and real reference Moonstones (one per region). Players report their
 * round trips (`region.latencies`); a lobby waits in its home slot and is matched only once
 * every member is within the latency limit, which widens with waiting; the game server comes
 * from the slot's region; a waiting player's queue.status says where and why; and the slots'
 * leaders spread over the Corals by rendezvous hashing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Coraline } from '@glaceon/client';
import type { CoralServerMessage } from '@glaceon/protocol';
import { getFleetGame } from '@glaceon/store';
import { queueKeys } from '@glaceon/store/testing';
import { writeQueuesFile, type ManagedProcess, type QueuesFile } from '@glaceon/testkit';
import { rendezvousTop } from '../engine/leader.js';
import { connectPlayer, makeLobby, makePlayer } from '../test-support/players.js';
import { startCoralStack, startReferenceMoonstone, waitFor, type CoralStack } from '../test-support/stack.js';

/** 50 ms at first, +20 ms per second of waiting: 120 ms is within reach after 3.5 s. */
const LATENCY = { maxMs: 50, widenPerSecond: 20, capMs: 300 };
const SLOTS = ['1v1@eu', '1v1@us', '2v2@eu', '2v2@us'];

type QueueStatus = Extract<CoralServerMessage, { type: 'queue.status' }>;

describe('regions: slots, latency limits, servers from the region, leaders spread (2 Corals, 2 Moonstones)', () => {
  let stack: CoralStack;
  let file: QueuesFile;
  const moonstones: ManagedProcess[] = [];
  const clients: Coraline[] = [];

  async function startMoonstone(id: string, region: string): Promise<void> {
    moonstones.push(await startReferenceMoonstone(stack, { id, region }));
  }

  beforeAll(async () => {
    file = await writeQueuesFile({
      regions: [
        { id: 'eu', name: 'Europe', pingUrl: 'ws://127.0.0.1:19701' },
        { id: 'us', name: 'United States', pingUrl: 'ws://127.0.0.1:19702' },
      ],
      queues: [
        { id: '1v1', name: 'Duel', teams: 2, teamSize: 1, latency: LATENCY },
        { id: '2v2', name: 'Doubles', teams: 2, teamSize: 2, latency: LATENCY },
      ],
    });
    stack = await startCoralStack({
      corals: 2,
      env: { GLACEON_QUEUES: file.file, STATUS_MS: '250', SWEEP_MS: '250', LEASE_TTL_MS: '1000', ACCEPT_TIMEOUT_MS: '10000' },
    });
    // The us server has more room: without the strict region, least-loaded would pick it for eu too.
    await startMoonstone('ms_eu1', 'eu');
    await startMoonstone('ms_us1', 'us');
  }, 90_000);

  afterAll(async () => {
    for (const c of clients) c.close();
    await Promise.all(moonstones.map((m) => m.stop(1000).catch(() => undefined)));
    await stack?.stop();
    await file?.remove();
  });

  /** A solo 1v1 player who reported these round trips, accepts every ready check, and records what it is told. */
  async function soloPlayer(latencies: Record<string, number>) {
    const player = await makePlayer(stack.redis, 'rg');
    await makeLobby(stack.redis, '1v1', [player]);
    const client = connectPlayer(stack.wsUrl, player);
    clients.push(client);
    const statuses: QueueStatus[] = [];
    let matchedAt: number | undefined;
    client.on('queue.status', (m) => statuses.push(m));
    client.on('match.found', (m) => {
      matchedAt ??= Date.now();
      void client.accept(m.prematchId).catch(() => undefined);
    });
    await client.connect();
    await client.request({ type: 'region.latencies', latencies: Object.entries(latencies).map(([region, rttMs]) => ({ region, rttMs })) });
    return { player, client, statuses, matchedAt: () => matchedAt };
  }

  it('no region within the limit: not matched until the limit widens; the status says where and why; the server is the region`s', async () => {
    // a: only Europe (30 ms). b: Europe 120 ms, US 200 ms: nothing within 50 ms at entry, so
    // b waits in its nearest region (eu) until the limit reaches 120 ms (3.5 s).
    const a = await soloPlayer({ eu: 30 });
    const b = await soloPlayer({ eu: 120, us: 200 });
    const ready = [a, b].map((p) => p.client.next('game.ready', () => true, 30_000));
    await a.client.startQueue();
    const bStarted = Date.now();
    await b.client.startQueue();
    expect(await stack.redis.hget(`lobby:{${(await stack.redis.hget(`player:{${b.player.playerId}}`, 'lobby'))!}}`, 'queueMode')).toBe('1v1@eu');

    const waiting = await waitFor('b told it waits for a region in reach', () => b.statuses.find((s) => s.why?.reason === 'no_region_in_reach'), 10_000);
    expect(waiting.mode).toBe('1v1');
    expect(waiting.region).toBe('eu');
    expect(waiting.why?.latencyMs).toBe(120);
    expect(waiting.why?.latencyLimitMs).toBeLessThan(120);
    expect(b.matchedAt()).toBeUndefined();

    const games = await Promise.all(ready);
    expect(games[0]!.gameId).toBe(games[1]!.gameId);
    // Never before the limit reached b's 120 ms (3.5 s after its entry, less a little clock slack).
    expect(b.matchedAt()! - bStarted).toBeGreaterThanOrEqual(3000);
    const game = await getFleetGame(stack.redis, games[0]!.gameId);
    expect(game?.serverId).toBe('ms_eu1');
    expect(game?.region).toBe('eu');
  }, 60_000);

  it('two players near the US are matched at once in us, on the us server', async () => {
    const c = await soloPlayer({ eu: 150, us: 20 });
    const d = await soloPlayer({ eu: 160, us: 25 });
    const ready = [c, d].map((p) => p.client.next('game.ready', () => true, 20_000));
    const started = Date.now();
    await c.client.startQueue();
    await d.client.startQueue();
    const games = await Promise.all(ready);
    expect(d.matchedAt()! - started).toBeLessThan(3000);
    const game = await getFleetGame(stack.redis, games[0]!.gameId);
    expect(game?.serverId).toBe('ms_us1');
    expect(game?.region).toBe('us');
  }, 40_000);

  it('a waiting player`s queue.status carries its region and a reason', async () => {
    const e = await soloPlayer({ us: 40 });
    await e.client.startQueue();
    const status = await waitFor('a queue.status with a reason', () => e.statuses.find((s) => s.why !== undefined), 10_000);
    expect(status.region).toBe('us');
    expect(status.why?.reason).toBe('few_players');
    expect(status.why?.latencyMs).toBe(40);
    expect(status.why?.latencyLimitMs).toBeGreaterThanOrEqual(50);
    await e.client.cancelQueue();
  }, 30_000);

  it('region.latencies is bounded: values clamped, unknown regions dropped, one report a second', async () => {
    const f = await soloPlayer({ eu: 5000, mars: 10, us: 0 });
    expect(JSON.parse((await stack.redis.get(`player:{${f.player.playerId}}:lat`)) as string)).toEqual({ eu: 2000, us: 1 });
    await expect(f.client.request({ type: 'region.latencies', latencies: [{ region: 'eu', rttMs: 30 }] })).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    const ttl = await stack.redis.pttl(`player:{${f.player.playerId}}:lat`);
    expect(ttl).toBeGreaterThan(25 * 60_000);
  }, 30_000);

  it('the four slots` leaders are split over the two Corals as rendezvous hashing ranks them', async () => {
    const ids = stack.corals.map((c) => c.coralId);
    const expected = new Map(SLOTS.map((s) => [s, rendezvousTop(s, ids)!]));
    // Both Corals lead something (a property of these ids and slots, checked so the test means something).
    expect(new Set(expected.values()).size).toBe(2);
    await waitFor(
      'every slot led by its first-ranked Coral',
      async () => {
        for (const slot of SLOTS) {
          const owner = (await stack.redis.get(queueKeys.lease(slot))) ?? '';
          if (!owner.startsWith(`${expected.get(slot)}:`)) return false;
        }
        return true;
      },
      20_000,
    );
  }, 30_000);
});
