import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Coraline } from '@glaceon/client';
import { getPlayerMatchView } from '@glaceon/store';
import { startFakeMoonstone, type FakeMoonstone } from '../test-support/fake-moonstone.js';
import { connectSoloAccepter } from '../test-support/players.js';
import { startCoralStack, TEST_FLEET_KEY, type CoralStack } from '../test-support/stack.js';

const SERVER_WAIT_MS = 3000;

/** docs/decisions/coral-server-002-no-free-server.md: wait for a server with a deadline, telling players; then give up. */
describe('no free game server', () => {
  let stack: CoralStack;
  const moonstones: FakeMoonstone[] = [];
  const clients: Coraline[] = [];

  beforeAll(async () => {
    stack = await startCoralStack({ corals: 3, env: { MODES: '1v1', SERVER_WAIT_MS: String(SERVER_WAIT_MS) } });
  });

  afterAll(async () => {
    for (const c of clients) c.close();
    for (const m of moonstones) await m.stop();
    await stack?.stop();
  });

  async function matchedPair(): Promise<Coraline[]> {
    const pair: Coraline[] = [];
    for (let i = 0; i < 2; i++) {
      const { client } = await connectSoloAccepter(stack.redis, stack.wsUrl, clients);
      pair.push(client);
    }
    for (const c of pair) await c.startQueue();
    return pair;
  }

  it('players are told the game waits for a server, and get it when one registers in time', async () => {
    const pair = await matchedPair();
    const pending = await Promise.all(pair.map((c) => c.next('game.pending', () => true, 10_000)));
    for (const p of pending) expect(p.until).toBeGreaterThan(Date.now());
    const ready = pair.map((c) => c.next('game.ready', () => true, 10_000));
    moonstones.push(await startFakeMoonstone(stack.redis, { capacity: 1, fleetKey: TEST_FLEET_KEY }));
    const games = await Promise.all(ready);
    expect(games[0]!.gameId).toBe(games[1]!.gameId);
    expect(games[0]!.serverId).toBe(moonstones[0]!.serverId);
  }, 30_000);

  it('past the wait, the game is given up: players are told and their lobbies go idle (server_lost)', async () => {
    // The only server is full (capacity 1, taken by the previous game).
    const pair = await matchedPair();
    await Promise.all(pair.map((c) => c.next('game.pending', () => true, 10_000)));
    const ended = await Promise.all(pair.map((c) => c.next('game.ended', () => true, SERVER_WAIT_MS + 10_000)));
    for (const e of ended) expect(e.result).toMatchObject({ reason: 'server_lost' });
    for (const c of pair) {
      const view = await getPlayerMatchView(stack.redis, c.welcome!.playerId);
      expect(view).toMatchObject({ state: 'idle', idleReason: 'server_lost' });
    }
  }, 30_000);
});
