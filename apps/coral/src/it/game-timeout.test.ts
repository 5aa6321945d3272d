/**
 * Issue #12, item 10 against real processes: a game whose server stays alive but
 * never reports an end is ended 'timeout' at its mode's maximum length; its
 * players are told and their lobbies are idle again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Coraline } from '@glaceon/client';
import { getFleetGame } from '@glaceon/store';
import { SHIPPED_QUEUES, writeQueuesFile, type QueuesFile } from '@glaceon/testkit';
import { startFakeMoonstone, type FakeMoonstone } from '../test-support/fake-moonstone.js';
import { connectSoloAccepter } from '../test-support/players.js';
import { startCoralStack, TEST_FLEET_KEY, type CoralStack } from '../test-support/stack.js';

const MAX_MS = 1500;

describe('maximum game length per mode (real Coral, Redis, nginx; a silent game server)', () => {
  let stack: CoralStack;
  let moonstone: FakeMoonstone;
  let queues: QueuesFile;
  const clients: Coraline[] = [];
  beforeAll(async () => {
    // The queue configuration gives 1v1 a short maximum game length (maxGameMs), the others 10 minutes.
    queues = await writeQueuesFile({ queues: SHIPPED_QUEUES.map((q) => ({ ...q, maxGameMs: q.id === '1v1' ? MAX_MS : 600_000 })) });
    stack = await startCoralStack({ corals: 1, env: { MODES: '1v1,2v2', GLACEON_QUEUES: queues.file } });
    moonstone = await startFakeMoonstone(stack.redis, { capacity: 10, fleetKey: TEST_FLEET_KEY }); // registers, never reports
  }, 60_000);
  afterAll(async () => {
    for (const c of clients) c.close();
    await moonstone?.stop();
    await stack?.stop();
    await queues?.remove();
  });

  it('the game ends "timeout" after the queue maxGameMs; every player is told and goes idle', async () => {
    const players = [await connectSoloAccepter(stack.redis, stack.wsUrl, clients), await connectSoloAccepter(stack.redis, stack.wsUrl, clients)];
    const ready = players.map(({ client }) => client.next('game.ready', () => true, 20_000));
    for (const { client } of players) await client.startQueue();
    const games = await Promise.all(ready);
    const gameId = games[0]!.gameId;
    const readyAt = Date.now();
    const ended = players.map(({ client }) => client.next('game.ended', (m) => m.gameId === gameId, 15_000));
    const idle = players.map(({ client }) => client.next('lobby.updated', (m) => m.lobby?.state === 'idle', 15_000));
    for (const e of await Promise.all(ended)) expect(e.result).toMatchObject({ reason: 'timeout' });
    const after = Date.now() - readyAt;
    expect(after).toBeLessThan(MAX_MS + 3000);
    for (const u of await Promise.all(idle)) expect(u.lobby?.state).toBe('idle');
    expect(await getFleetGame(stack.redis, gameId)).toMatchObject({ state: 'ended', endReason: 'timeout' });
  }, 60_000);
});
