/**
 * Issue #12, item 13 end to end (real Coral, nginx, Redis, reference Moonstone and Onyx
 * processes): a join ticket admits once. When a player's game connection drops, Coral
 * offers a fresh ticket (game.ready again); the spent one, say read from the crashed
 * process's argv, admits nobody; the fresh one brings the player back.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Coraline } from '@glaceon/client';
import { fleetServerKey } from '@glaceon/protocol/node';
import { listFleetServers } from '@glaceon/store';
import { spawnManaged, type ManagedProcess } from '@glaceon/testkit';
import { connectSoloAccepter } from '../test-support/players.js';
import { REPO_ROOT, startCoralStack, TEST_FLEET_KEY, waitFor, type CoralStack } from '../test-support/stack.js';

const MOONSTONE = fileURLToPath(new URL('../../../moonstone/src/main.ts', import.meta.url));
const ONYX = fileURLToPath(new URL('../../../onyx/src/cli.ts', import.meta.url));
const NODE_ARGS = ['--conditions=glaceon-source', '--import', 'tsx'];

describe('single-use join tickets and rejoin with a fresh one (real processes)', () => {
  let stack: CoralStack;
  const procs: ManagedProcess[] = [];
  const clients: Coraline[] = [];
  const onyx = (address: string, gameId: string, ticket: string) => {
    const p = spawnManaged(process.execPath, [...NODE_ARGS, ONYX, '--moonstone', address, '--game', gameId, '--ticket', ticket], { cwd: REPO_ROOT });
    procs.push(p);
    return p;
  };

  beforeAll(async () => {
    stack = await startCoralStack({ corals: 1, env: { MODES: '1v1' } });
    const moonstone = spawnManaged(process.execPath, [...NODE_ARGS, MOONSTONE], {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        MOONSTONE_ID: 'ms_rejoin',
        PORT: '0',
        CONTROL_PORT: '0',
        CORAL_FLEET_URL: `http://127.0.0.1:${stack.corals[0]!.internalPort}`,
        FLEET_SERVER_KEY: fleetServerKey(TEST_FLEET_KEY, 'ms_rejoin'),
        GAME_LENGTH_MS: '30000',
        NOSHOW_TIMEOUT_MS: '30000',
      },
    });
    procs.push(moonstone);
    await waitFor('ms_rejoin registered', async () => (await listFleetServers(stack.redis)).some((s) => s.serverId === 'ms_rejoin'), 30_000);
  }, 60_000);

  afterAll(async () => {
    for (const c of clients) c.close();
    await Promise.all(procs.map((p) => p.stop(1000)));
    await stack?.stop();
  });

  it('a dropped player gets a fresh ticket from Coral; the spent one is refused TICKET_USED; the fresh one rejoins', async () => {
    const a = await connectSoloAccepter(stack.redis, stack.wsUrl, clients);
    const b = await connectSoloAccepter(stack.redis, stack.wsUrl, clients);
    const ready = [a, b].map(({ client }) => client.next('game.ready', () => true, 20_000));
    await a.client.startQueue();
    await b.client.startQueue();
    const [ga, gb] = await Promise.all(ready);
    const first = onyx(ga!.moonstone, ga!.gameId, ga!.ticket);
    const other = onyx(gb!.moonstone, gb!.gameId, gb!.ticket);
    await waitFor('both playing', () => /running; 2 connected/.test(first.output()) && /running; 2 connected/.test(other.output()), 30_000);

    const fresh = a.client.next('game.ready', (m) => m.gameId === ga!.gameId, 15_000);
    first.kill('SIGKILL'); // Onyx crashes
    const offered = await fresh;
    expect(offered.ticket).not.toBe(ga!.ticket);

    const replay = onyx(ga!.moonstone, ga!.gameId, ga!.ticket);
    expect((await replay.exited).code, replay.output()).toBe(3);
    expect(replay.output()).toMatch(/TICKET_USED/);
    const back = onyx(offered.moonstone, offered.gameId, offered.ticket);
    await waitFor('rejoined', () => /rejoined/.test(back.output()), 20_000);
  }, 90_000);
});
