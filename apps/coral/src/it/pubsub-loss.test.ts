import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Coraline } from '@glaceon/client';
import { startFakeMoonstone, type FakeMoonstone } from '../test-support/fake-moonstone.js';
import { connectSoloAccepter } from '../test-support/players.js';
import { ClientProbe } from '../test-support/probe.js';
import { startCoralStack, TEST_FLEET_KEY, waitFor, type CoralStack } from '../test-support/stack.js';

/** Sharded pub/sub is at-most-once: killing it during broadcasts must not lose a match. */
describe('pub/sub connections killed during broadcasts', () => {
  let stack: CoralStack;
  let moonstone: FakeMoonstone;
  const clients: Coraline[] = [];

  beforeAll(async () => {
    stack = await startCoralStack({ corals: 3, env: { MODES: '1v1', RECONCILE_MS: '500' } });
    moonstone = await startFakeMoonstone(stack.redis, { capacity: 100, fleetKey: TEST_FLEET_KEY });
  });

  afterAll(async () => {
    for (const c of clients) c.close();
    await moonstone?.stop();
    await stack?.stop();
  });

  it('every matched player still learns of the match and gets their game (reconcile from keys)', async () => {
    const probes: ClientProbe[] = [];
    for (let i = 0; i < 16; i++) {
      const { player, client } = await connectSoloAccepter(stack.redis, stack.wsUrl, clients);
      probes.push(new ClientProbe(player, client));
    }
    // Kill every pub/sub connection over and over while the matches are made and broadcast.
    let kills = 0;
    let killing = true;
    const killer = (async () => {
      while (killing) {
        kills += Number(await stack.redis.call('CLIENT', 'KILL', 'TYPE', 'pubsub'));
        await new Promise((r) => setTimeout(r, 15));
      }
    })();
    const ready = probes.map((p) => p.client.next('game.ready', () => true, 25_000));
    try {
      for (const p of probes) await p.client.startQueue();
      const games = await Promise.all(ready);
      expect(new Set(games.map((g) => g.gameId)).size).toBe(8);
      for (const p of probes) expect(p.last('match.found')).toBeDefined();
    } finally {
      killing = false;
      await killer;
    }
    expect(kills).toBeGreaterThan(0);
    // Some Coral had to catch up from keys rather than from a message.
    const recoveries = await waitFor('a recorded recovery', async () => {
      let total = 0;
      for (const c of stack.corals) {
        const text = await (await fetch(`http://127.0.0.1:${c.internalPort}/metrics`)).text();
        for (const m of text.matchAll(/coral_recoveries_total\{[^}]*kind="(?:reconcile|pubsub_reconnect)"[^}]*\} (\d+)/g)) total += Number(m[1]);
      }
      return total > 0 ? total : undefined;
    });
    expect(recoveries).toBeGreaterThan(0);
  }, 60_000);
});
