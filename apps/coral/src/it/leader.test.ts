import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Coraline } from '@glaceon/client';
import { queueKeys } from '@glaceon/store/testing';
import { startFakeMoonstone, type FakeMoonstone } from '../test-support/fake-moonstone.js';
import { connectSoloAccepter } from '../test-support/players.js';
import { ClientProbe } from '../test-support/probe.js';
import { startCoralStack, TEST_FLEET_KEY, waitFor, type CoralStack } from '../test-support/stack.js';

const LEASE_TTL_MS = 1000;

/** Leader SIGKILLed, and SIGSTOPped past its lease then resumed. */
describe('matchmaker leader failover', () => {
  let stack: CoralStack;
  let moonstone: FakeMoonstone;
  const clients: Coraline[] = [];

  beforeAll(async () => {
    stack = await startCoralStack({ corals: 3, env: { MODES: '1v1', LEASE_TTL_MS: String(LEASE_TTL_MS), SWEEP_MS: '250', RECONCILE_MS: '1000' } });
    moonstone = await startFakeMoonstone(stack.redis, { capacity: 100, fleetKey: TEST_FLEET_KEY });
  });

  afterAll(async () => {
    for (const c of clients) c.close();
    await moonstone?.stop();
    await stack?.stop();
  });

  const leaseOwner = async () => (await stack.redis.get(queueKeys.lease('1v1'))) ?? '';
  const epoch = async () => Number(await stack.redis.get(queueKeys.epoch('1v1')));
  const leaderIndex = async () => {
    const owner = await waitFor('a leader', async () => (await leaseOwner()) || undefined);
    return stack.corals.findIndex((c) => owner.startsWith(`${c.coralId}:`));
  };

  /** Two solo players queue; resolves once both have their game. */
  async function playOneMatch(): Promise<string> {
    const probes: ClientProbe[] = [];
    for (let i = 0; i < 2; i++) {
      const { player, client } = await connectSoloAccepter(stack.redis, stack.wsUrl, clients);
      probes.push(new ClientProbe(player, client));
    }
    const ready = probes.map((p) => p.client.next('game.ready', () => true, 20_000));
    for (const p of probes) await p.client.startQueue();
    const games = await Promise.all(ready);
    expect(games[0]!.gameId).toBe(games[1]!.gameId);
    return games[0]!.prematchId;
  }

  /** Epoch and creation time of every prematch in Redis. */
  async function prematchEpochs(): Promise<Map<string, { epoch: number; createdAt: number }>> {
    const out = new Map<string, { epoch: number; createdAt: number }>();
    let cursor = '0';
    do {
      const [next, found] = await stack.redis.scan(cursor, 'MATCH', `${queueKeys.tag('1v1')}:pm:*`, 'COUNT', 1000);
      cursor = next;
      for (const key of found) {
        if (key.endsWith(':acc')) continue;
        const [e, createdAt] = await stack.redis.hmget(key, 'epoch', 'createdAt');
        out.set(key.slice(key.lastIndexOf(':') + 1), { epoch: Number(e), createdAt: Number(createdAt) });
      }
    } while (cursor !== '0');
    return out;
  }

  it('a SIGKILLed leader is replaced within the lease TTL and matching goes on', async () => {
    await playOneMatch();
    const index = await leaderIndex();
    expect(index).toBeGreaterThanOrEqual(0);
    const before = await epoch();
    const killed = stack.corals[index]!;
    const killedAt = Date.now();
    killed.proc.kill('SIGKILL');
    await killed.proc.exited;
    await waitFor('another Coral to take the lease', async () => {
      const owner = await leaseOwner();
      return owner !== '' && !owner.startsWith(`${killed.coralId}:`);
    });
    // Takeover within the TTL plus a matchmaker tick or two (and process scheduling on a busy machine).
    expect(Date.now() - killedAt).toBeLessThan(LEASE_TTL_MS + 1500);
    expect(await epoch()).toBeGreaterThan(before);
    await playOneMatch();
    await stack.restartCoral(index);
  }, 60_000);

  it('a leader SIGSTOPped past its lease loses it; after SIGCONT no claim of its stale epoch succeeds', async () => {
    const index = await leaderIndex();
    const stopped = stack.corals[index]!;
    const oldEpoch = await epoch();
    stopped.proc.kill('SIGSTOP');
    try {
      await waitFor('a new leader while the old one is frozen', async () => {
        const owner = await leaseOwner();
        return owner !== '' && !owner.startsWith(`${stopped.coralId}:`);
      });
      const newEpoch = await epoch();
      const takeoverAt = Date.now();
      expect(newEpoch).toBeGreaterThan(oldEpoch);
      const duringStop = await playOneMatch();
      stopped.proc.kill('SIGCONT');
      // The resumed process runs again (answers HTTP) and keeps ticking as a follower.
      await waitFor('the resumed Coral to answer', async () => (await fetch(`http://127.0.0.1:${stopped.port}/healthz`)).ok);
      const afterResume = await playOneMatch();
      const epochs = await prematchEpochs();
      expect(epochs.get(duringStop)?.epoch).toBe(newEpoch);
      expect(epochs.get(afterResume)?.epoch).toBeGreaterThanOrEqual(newEpoch);
      // Nothing claimed since the takeover carries the frozen leader's (stale) epoch.
      const sinceTakeover = [...epochs].filter(([, e]) => e.createdAt >= takeoverAt);
      expect(sinceTakeover.length).toBeGreaterThanOrEqual(2);
      for (const [pm, e] of sinceTakeover) expect({ pm, stale: e.epoch < newEpoch }).toEqual({ pm, stale: false });
      // The resumed process did not take the lease back from the live leader.
      expect((await leaseOwner()).startsWith(`${stopped.coralId}:`)).toBe(false);
    } finally {
      stopped.proc.kill('SIGCONT');
    }
  }, 60_000);
});
