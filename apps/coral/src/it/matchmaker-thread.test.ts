import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Coraline } from '@glaceon/client';
import { getPlayerMatchView } from '@glaceon/store';
import { queueKeys } from '@glaceon/store/testing';
import { startFakeMoonstone, type FakeMoonstone } from '../test-support/fake-moonstone.js';
import { connectSoloAccepter } from '../test-support/players.js';
import { ClientProbe } from '../test-support/probe.js';
import { startCoralStack, TEST_FLEET_KEY, waitFor, type CoralProcess, type CoralStack } from '../test-support/stack.js';

/**
 * The matchmaker leaders in their worker thread (a Coral process's default),
 * against real Coral processes: a SIGTERMed leader hands its lease over at
 * once, and a herd of queue entries through the entry gate all get matched.
 */

// Far above any hand-over the tests allow: a takeover this fast can only come from a released lease.
const LEASE_TTL_MS = 10_000;
const HANDOVER_MAX_MS = 3000;
const MODE = '1v1';

const leaseOwner = async (stack: CoralStack) => (await stack.redis.get(queueKeys.lease(MODE))) ?? '';
const epoch = async (stack: CoralStack) => Number(await stack.redis.get(queueKeys.epoch(MODE)));
const ownedBy = (owner: string, coral: CoralProcess) => owner.startsWith(`${coral.coralId}:`);
/** The Coral holding the lease (waits for one). */
async function leader(stack: CoralStack): Promise<CoralProcess> {
  const owner = await waitFor('a leader', async () => (await leaseOwner(stack)) || undefined);
  const coral = stack.corals.find((c) => ownedBy(owner, c));
  if (!coral) throw new Error(`lease held by "${owner}", none of this stack's Corals`);
  return coral;
}

async function scrape(coral: CoralProcess): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${coral.internalPort}/metrics`);
  expect(res.status).toBe(200);
  return res.text();
}

/** The value of the first sample `name` whose labels include `labels`; undefined when there is none. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    const m = /^([A-Za-z_:][\w:]*)(?:\{([^}]*)\})?\s+(\S+)/.exec(line);
    if (!m || m[1] !== name) continue;
    const got = new Map([...(m[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((l) => [l[1], l[2]]));
    if (Object.entries(labels).every(([k, v]) => got.get(k) === v)) return Number(m[3]);
  }
  return undefined;
}

/** Two solo players queue; resolves with their prematch once both have the same game. */
async function playOneMatch(stack: CoralStack, clients: Coraline[]): Promise<string> {
  const players = await Promise.all([0, 1].map(() => connectSoloAccepter(stack.redis, stack.wsUrl, clients)));
  const ready = players.map((p) => p.client.next('game.ready', () => true, 20_000));
  for (const p of players) await p.client.startQueue();
  const games = await Promise.all(ready);
  expect(games[0]!.gameId).toBe(games[1]!.gameId);
  expect(games[0]!.prematchId).toBe(games[1]!.prematchId);
  return games[0]!.prematchId;
}

describe('matchmaker thread: a SIGTERMed leader hands its lease over', () => {
  let stack: CoralStack;
  let moonstone: FakeMoonstone;
  const clients: Coraline[] = [];

  beforeAll(async () => {
    stack = await startCoralStack({ corals: 3, env: { MODES: MODE, LEASE_TTL_MS: String(LEASE_TTL_MS) } });
    moonstone = await startFakeMoonstone(stack.redis, { capacity: 100, fleetKey: TEST_FLEET_KEY });
  });

  afterAll(async () => {
    for (const c of clients) c.close();
    await moonstone?.stop();
    await stack?.stop();
  });

  it('another Coral leads long before the lease could lapse, and matching goes on under its epoch', async () => {
    await playOneMatch(stack, clients);
    const old = await leader(stack);
    const before = await epoch(stack);
    const stoppedAt = Date.now();
    old.proc.kill('SIGTERM');
    const owner = await waitFor(
      'another Coral to take the lease',
      async () => {
        const o = await leaseOwner(stack);
        return o !== '' && !ownedBy(o, old) && o;
      },
      LEASE_TTL_MS,
    );
    const handoverMs = Date.now() - stoppedAt;
    expect(stack.corals.filter((c) => c !== old && ownedBy(owner, c))).toHaveLength(1);
    // The old lease was released on stop, not left to expire after LEASE_TTL_MS.
    expect(handoverMs).toBeLessThan(HANDOVER_MAX_MS);
    const after = await epoch(stack);
    expect(after).toBeGreaterThan(before);
    // The shutdown completed (thread stopped, sockets closed) rather than being forced after 5 s.
    expect(await old.proc.exited).toEqual({ code: 0, signal: null });

    const prematchId = await playOneMatch(stack, clients);
    // Claimed by the new leader, under the epoch it took the lease with.
    expect(Number(await stack.redis.hget(queueKeys.prematch(MODE, prematchId), 'epoch'))).toBe(after);
    expect(await leaseOwner(stack)).toBe(owner);
  }, 60_000);
});

describe('matchmaker thread and entry gate: a herd all pressing queue at once', () => {
  const PLAYERS = 40; // even: every one of them can be matched in 1v1
  const CORALS = 3;
  const ENTRY_CONCURRENCY = 2;
  let stack: CoralStack;
  let moonstone: FakeMoonstone;
  const clients: Coraline[] = [];

  beforeAll(async () => {
    stack = await startCoralStack({
      corals: CORALS,
      // A long lease keeps one leader through the herd, so its tick figures can be checked against the others'.
      env: { MODES: MODE, QUEUE_ENTRY_CONCURRENCY: String(ENTRY_CONCURRENCY), LEASE_TTL_MS: String(LEASE_TTL_MS) },
    });
    moonstone = await startFakeMoonstone(stack.redis, { capacity: 100, fleetKey: TEST_FLEET_KEY });
  });

  afterAll(async () => {
    for (const c of clients) c.close();
    await moonstone?.stop();
    await stack?.stop();
  });

  it('every queue.start is acknowledged, everyone is matched exactly once, and /metrics tells it', async () => {
    const probes = await Promise.all(
      Array.from({ length: PLAYERS }, async () => {
        const { player, client } = await connectSoloAccepter(stack.redis, stack.wsUrl, clients);
        return new ClientProbe(player, client);
      }),
    );
    // Every Coral gets more simultaneous entries than its gate lets through at once.
    const perCoral = new Map<string, number>();
    for (const p of probes) perCoral.set(p.client.welcome!.coralId, (perCoral.get(p.client.welcome!.coralId) ?? 0) + 1);
    expect(perCoral.size).toBe(CORALS);
    for (const n of perCoral.values()) expect(n).toBeGreaterThan(ENTRY_CONCURRENCY);

    const lead = await leader(stack);
    const ticks = (text: string) => sample(text, 'coral_matchmaker_tick_seconds_count', { mode: MODE }) ?? 0;
    const matches = (text: string) => sample(text, 'coral_matches_total', { mode: MODE }) ?? 0;
    const before = await Promise.all(stack.corals.map(scrape));

    const ready = probes.map((p) => p.client.next('game.ready', () => true, 25_000));
    const acks = await Promise.allSettled(probes.map((p) => p.client.startQueue()));
    expect(acks.filter((a) => a.status === 'rejected')).toEqual([]);
    const games = await Promise.all(ready);

    // Pairs: each game has exactly two distinct players, and nobody is in two games or two prematches.
    const byGame = new Map<string, string[]>();
    games.forEach((g, i) => byGame.set(g.gameId, [...(byGame.get(g.gameId) ?? []), probes[i]!.player.playerId]));
    expect(byGame.size).toBe(PLAYERS / 2);
    for (const ids of byGame.values()) expect(new Set(ids).size).toBe(2);
    for (const [i, p] of probes.entries()) {
      const seenGames = new Set(p.events.flatMap((e) => (e.type === 'game.ready' ? [e.gameId] : [])));
      const seenPrematches = new Set(p.events.flatMap((e) => (e.type === 'match.found' ? [e.prematchId] : [])));
      expect({ player: i, games: [...seenGames], prematches: [...seenPrematches] }).toEqual({
        player: i,
        games: [games[i]!.gameId],
        prematches: [games[i]!.prematchId],
      });
    }
    // The keys agree: everyone in the game they were told of, with the partner they were paired with.
    const views = await Promise.all(probes.map((p) => getPlayerMatchView(stack.redis, p.player.playerId)));
    views.forEach((v, i) => {
      const g = games[i]!;
      expect(v).toMatchObject({ state: 'ingame', game: 'ready', gameId: g.gameId, prematchId: g.prematchId });
      if (v.state === 'ingame') expect([...v.players].sort()).toEqual([...byGame.get(g.gameId)!].sort());
    });

    // The same leader throughout: only its ticks are timed, and its claims are all the herd's prematches.
    expect((await leader(stack)).coralId).toBe(lead.coralId);
    const claimedDuringHerd = async () => {
      const now = await Promise.all(stack.corals.map(scrape));
      return now.reduce((sum, text, i) => sum + matches(text) - matches(before[i]!), 0);
    };
    // A tick's figures reach the main thread right after its claims; wait for the last of them.
    await waitFor('the herd claims in /metrics', async () => (await claimedDuringHerd()) >= PLAYERS / 2, 5000);
    expect(await claimedDuringHerd()).toBe(PLAYERS / 2);
    const after = await Promise.all(stack.corals.map(scrape));
    stack.corals.forEach((c, i) => {
      const timed = ticks(after[i]!) - ticks(before[i]!);
      if (c === lead) expect(timed).toBeGreaterThan(0);
      else expect({ coral: c.coralId, timed }).toEqual({ coral: c.coralId, timed: 0 });
      // Every acknowledged entry left the gate: nothing waits on any Coral.
      expect({ coral: c.coralId, waiting: sample(after[i]!, 'coral_queue_entries_waiting') }).toEqual({ coral: c.coralId, waiting: 0 });
    });
  }, 60_000);
});
