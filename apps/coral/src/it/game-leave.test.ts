/**
 * Issue #12, item 10 (second half) against real processes: a real Coral (behind nginx), a real
 * reference Moonstone, real Onyx processes and Redis. A player the game server reported as a
 * no-show leaves the running game (game.leave): Moonstone releases them first, so their old
 * ticket is refused from then on, and only then does their lobby go idle; they queue again and
 * play a new game. A connected player cannot leave, a party member still playing blocks the
 * party's leave, and a server that does not answer the release leaves everything as it was.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Coraline } from '@glaceon/client';
import type { GameEnded, GameReady } from '@glaceon/protocol';
import { fleetServerKey } from '@glaceon/protocol/node';
import { getFleetGame, getPlayerMatchView, listFleetServers } from '@glaceon/store';
import { spawnManaged, type ManagedProcess } from '@glaceon/testkit';
import { connectPlayer, connectSoloAccepter, makeLobby, makePlayer, type TestPlayer } from '../test-support/players.js';
import { REPO_ROOT, startCoralStack, TEST_FLEET_KEY, waitFor, type CoralStack } from '../test-support/stack.js';

const MOONSTONE = fileURLToPath(new URL('../../../moonstone/src/main.ts', import.meta.url));
const ONYX = fileURLToPath(new URL('../../../onyx/src/cli.ts', import.meta.url));
const NODE_ARGS = ['--conditions=glaceon-source', '--import', 'tsx'];
const SERVER = 'ms_depart';

describe('leaving a running game early (real Coral, Moonstone, Onyx, Redis)', () => {
  let stack: CoralStack;
  let moonstone: ManagedProcess;
  const procs: ManagedProcess[] = [];
  const clients: Coraline[] = [];
  const onyx = (ready: GameReady) => {
    const p = spawnManaged(process.execPath, [...NODE_ARGS, ONYX, '--moonstone', ready.moonstone, '--game', ready.gameId, '--ticket', ready.ticket], {
      cwd: REPO_ROOT,
    });
    procs.push(p);
    return p;
  };
  const fleetState = async (gameId: string, playerId: string) => (await getFleetGame(stack.redis, gameId))?.players[playerId];
  const error = (p: Promise<unknown>) =>
    p.then(
      () => null,
      (e: unknown) => e as { code?: string; message?: string },
    );

  beforeAll(async () => {
    stack = await startCoralStack({ corals: 1, env: { MODES: '1v1,2v2' } });
    moonstone = spawnManaged(process.execPath, [...NODE_ARGS, MOONSTONE], {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        MOONSTONE_ID: SERVER,
        PORT: '0',
        CONTROL_PORT: '0',
        CORAL_FLEET_URL: `http://127.0.0.1:${stack.corals[0]!.internalPort}`,
        FLEET_SERVER_KEY: fleetServerKey(TEST_FLEET_KEY, SERVER),
        GAME_LENGTH_MS: '120000',
        // The join window: a player whose Onyx never connects is a no-show after this.
        NOSHOW_TIMEOUT_MS: '6000',
        CAPACITY: '8',
      },
    });
    procs.push(moonstone);
    await waitFor(`${SERVER} registered`, async () => (await listFleetServers(stack.redis)).some((s) => s.serverId === SERVER), 30_000);
  }, 60_000);

  afterAll(async () => {
    moonstone?.kill('SIGCONT');
    for (const c of clients) c.close();
    await Promise.all(procs.map((p) => p.stop(1000)));
    await stack?.stop();
  });

  /** Two solo 1v1 players matched into one game; returns each one's game.ready. */
  async function soloGame(a: { client: Coraline }, b: { client: Coraline }): Promise<[GameReady, GameReady]> {
    const ready = [a, b].map(({ client }) => client.next('game.ready', () => true, 20_000));
    await a.client.startQueue();
    await b.client.startQueue();
    const [ra, rb] = await Promise.all(ready);
    expect(ra!.gameId).toBe(rb!.gameId);
    return [ra!, rb!];
  }

  let noShow: { player: TestPlayer; client: Coraline };
  let second: { game: GameReady; opponent: { player: TestPlayer; client: Coraline } };

  it('a no-show leaves; the server released them first (old ticket refused); they queue again and play a new game; the old game ends without telling them', async () => {
    noShow = await connectSoloAccepter(stack.redis, stack.wsUrl, clients);
    const b = await connectSoloAccepter(stack.redis, stack.wsUrl, clients);
    const endedForA: GameEnded[] = [];
    noShow.client.on('game.ended', (m) => endedForA.push(m));
    const [ga, gb] = await soloGame(noShow, b);
    const g1 = ga.gameId;
    const playing = onyx(gb); // only b's game client ever connects
    await waitFor('a reported a no-show', async () => (await fleetState(g1, noShow.player.playerId)) === 'noshow', 20_000);
    expect(await fleetState(g1, b.player.playerId)).toBe('connected');

    // A connected player cannot leave.
    const refused = await error(b.client.leaveGame(g1));
    expect(refused).toMatchObject({ code: 'WRONG_STATE' });
    expect(refused?.message).toMatch(/still connected/);
    expect(await getPlayerMatchView(stack.redis, b.player.playerId)).toMatchObject({ state: 'ingame', gameId: g1 });

    const idle = noShow.client.next('lobby.updated', (m) => m.lobby?.state === 'idle', 10_000);
    await noShow.client.leaveGame(g1);
    expect((await idle).lobby).toMatchObject({ state: 'idle', idleReason: 'left_game' });
    expect(await getPlayerMatchView(stack.redis, noShow.player.playerId)).toMatchObject({ state: 'idle', idleReason: 'left_game' });
    expect((await getFleetGame(stack.redis, g1))?.departed).toEqual([noShow.player.playerId]);
    // The other player plays on.
    expect(await getPlayerMatchView(stack.redis, b.player.playerId)).toMatchObject({ state: 'ingame', gameId: g1 });
    // Leaving again: the lobby is no longer in that game.
    expect(await error(noShow.client.leaveGame(g1))).toMatchObject({ code: 'WRONG_STATE' });
    // Coral signs no ticket for the old game any more: a fresh socket (a resume) gets the idle lobby, no game.ready.
    const resumed = connectPlayer(stack.wsUrl, noShow.player);
    clients.push(resumed);
    const resumedReady: GameReady[] = [];
    resumed.on('game.ready', (m) => resumedReady.push(m));
    const snapshot = resumed.next('lobby.updated', () => true, 10_000);
    await resumed.connect();
    expect((await snapshot).lobby).toMatchObject({ state: 'idle', idleReason: 'left_game' });
    await new Promise((r) => setTimeout(r, 300));
    expect(resumedReady).toEqual([]);
    resumed.close();

    // Queue again: matched into a new game with a new opponent.
    const c = await connectSoloAccepter(stack.redis, stack.wsUrl, clients);
    const [ga2, gc2] = await soloGame(noShow, c);
    expect(ga2.gameId).not.toBe(g1);
    second = { game: ga2, opponent: c };
    onyx(gc2); // the new game has a player connected, so it runs on (the other test uses it)

    // The old ticket (never used, still within its TTL) is refused by the old game's server.
    expect(ga.ticketExpiresAt).toBeGreaterThan(Date.now());
    const replay = onyx(ga);
    expect((await replay.exited).code, replay.output()).toBe(3);
    expect(replay.output()).toMatch(/TICKET_INVALID/);

    // The old game ends (its last player leaves: abandoned): b is told, the departed player is not,
    // and their lobby stays in the new game.
    const endedForB = b.client.next('game.ended', (m) => m.gameId === g1, 15_000);
    playing.kill('SIGTERM');
    await endedForB;
    await new Promise((r) => setTimeout(r, 500));
    expect(endedForA.filter((m) => m.gameId === g1)).toEqual([]);
    expect(await getPlayerMatchView(stack.redis, noShow.player.playerId)).toMatchObject({ state: 'ingame', gameId: ga2.gameId });
  }, 120_000);

  it("a party member still in the game blocks the party's leave", async () => {
    const [p1, p2, p3, p4] = await Promise.all([1, 2, 3, 4].map(() => makePlayer(stack.redis, 'party')));
    await makeLobby(stack.redis, '2v2', [p1!, p2!]);
    await makeLobby(stack.redis, '2v2', [p3!, p4!]);
    const cs = [p1!, p2!, p3!, p4!].map((p) => {
      const c = connectPlayer(stack.wsUrl, p);
      clients.push(c);
      c.on('match.found', (m) => void c.accept(m.prematchId).catch(() => undefined));
      return c;
    });
    await Promise.all(cs.map((c) => c.connect()));
    const ready = cs.map((c) => c.next('game.ready', () => true, 20_000));
    await cs[0]!.startQueue();
    await cs[2]!.startQueue();
    const games = await Promise.all(ready);
    const gameId = games[0]!.gameId;
    onyx(games[1]!); // p2 plays; p1 (host) never connects
    await waitFor('p2 connected', async () => (await fleetState(gameId, p2!.playerId)) === 'connected', 20_000);
    await waitFor('p1 reported a no-show', async () => (await fleetState(gameId, p1!.playerId)) === 'noshow', 20_000);
    const refused = await error(cs[0]!.leaveGame(gameId));
    expect(refused).toMatchObject({ code: 'WRONG_STATE' });
    expect(refused?.message).toMatch(/party member is still in the game/);
    expect(await getPlayerMatchView(stack.redis, p1!.playerId)).toMatchObject({ state: 'ingame', gameId });
    expect((await getFleetGame(stack.redis, gameId))?.departed).toEqual([]);
  }, 90_000);

  it('a server that does not answer the release (SIGSTOP): UNAVAILABLE, and the lobby stays in the game', async () => {
    const { game } = second;
    await waitFor('the no-show reported in the new game', async () => (await fleetState(game.gameId, noShow.player.playerId)) === 'noshow', 20_000);
    // Stop the server right after a heartbeat, so Coral does not drop it (3 s TTL) before the release times out (1 s)
    // and the checks below ran.
    const deadline = async () => (await listFleetServers(stack.redis)).find((s) => s.serverId === SERVER)?.heartbeatDeadline ?? 0;
    const before = await deadline();
    await waitFor('a fresh heartbeat', async () => (await deadline()) > before, 5000, 10);
    moonstone.kill('SIGSTOP');
    const started = Date.now();
    const refused = await error(noShow.client.leaveGame(game.gameId));
    expect(refused).toMatchObject({ code: 'UNAVAILABLE' });
    expect(Date.now() - started).toBeLessThan(2500);
    expect(await getPlayerMatchView(stack.redis, noShow.player.playerId)).toMatchObject({ state: 'ingame', gameId: game.gameId });
    const fleetGame = await getFleetGame(stack.redis, game.gameId);
    expect(fleetGame).toMatchObject({ state: 'running' });
    expect(fleetGame?.departed).toEqual([]);
    moonstone.kill('SIGCONT');
  }, 60_000);
});
