import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Coraline } from '@glaceon/client';
import type { CoralEventOf } from '@glaceon/protocol';
import { fleetServerKey, verifyJoinTicket } from '@glaceon/protocol/node';
import { getFleetGame } from '@glaceon/store';
import { startFakeMoonstone, type FakeMoonstone } from '../test-support/fake-moonstone.js';
import { connectPlayer, makeLobby, makePlayer, type TestPlayer } from '../test-support/players.js';
import { startCoralStack, TEST_FLEET_KEY, type CoralStack } from '../test-support/stack.js';

describe('whole flow through nginx and three Corals', () => {
  let stack: CoralStack;
  let moonstone: FakeMoonstone;
  const clients: Coraline[] = [];

  beforeAll(async () => {
    stack = await startCoralStack({ corals: 3, env: { MODES: '2v2,1v1' } });
    moonstone = await startFakeMoonstone(stack.redis, { capacity: 10, fleetKey: TEST_FLEET_KEY });
  });

  afterAll(async () => {
    for (const c of clients) c.close();
    await moonstone?.stop();
    await stack?.stop();
  });

  it('connect, queue, match found, accept, game ready with a ticket that verifies', async () => {
    // 2v2 from a party of two and two solo players.
    const players: TestPlayer[] = [];
    for (let i = 0; i < 4; i++) players.push(await makePlayer(stack.redis));
    const [a, b, c, d] = players as [TestPlayer, TestPlayer, TestPlayer, TestPlayer];
    await makeLobby(stack.redis, '2v2', [a, b]);
    await makeLobby(stack.redis, '2v2', [c]);
    await makeLobby(stack.redis, '2v2', [d]);

    const coralIds = new Set<string>();
    const byPlayer = new Map<string, Coraline>();
    for (const p of players) {
      const client = connectPlayer(stack.wsUrl, p);
      clients.push(client);
      byPlayer.set(p.playerId, client);
      const lobbyUpdate = client.next('lobby.updated');
      const welcome = await client.connect();
      expect(welcome.playerId).toBe(p.playerId);
      coralIds.add(welcome.coralId);
      const lobby = await lobbyUpdate;
      expect(lobby.lobby?.state).toBe('idle');
    }
    // nginx spread the sockets over several Corals: the flow crosses instances.
    expect(coralIds.size).toBeGreaterThanOrEqual(2);

    const found = players.map((p) => byPlayer.get(p.playerId)!.next('match.found', () => true, 20_000));
    const statusB = byPlayer.get(b.playerId)!.next('queue.status');
    for (const host of [a, c, d]) await byPlayer.get(host.playerId)!.startQueue();
    const status = await statusB;
    expect(status.mode).toBe('2v2');
    expect(status.ratingWindow).toBeGreaterThan(0);
    // Counted at entry (the queued event carries the queue's size): at least this party of two.
    expect(status.playersSearching).toBeGreaterThanOrEqual(2);

    const matches = await Promise.all(found);
    const prematchId = matches[0]!.prematchId;
    for (const m of matches) {
      expect(m.prematchId).toBe(prematchId);
      expect(m.players).toBe(4);
      expect(m.deadline).toBeGreaterThan(Date.now());
    }

    const ready = players.map((p) => byPlayer.get(p.playerId)!.next('game.ready', () => true, 20_000));
    await Promise.all(players.map((p) => byPlayer.get(p.playerId)!.accept(prematchId)));
    const games = await Promise.all(ready);
    const gameId = games[0]!.gameId;
    // The roster the game server gets names every player: those held by the Coral that created
    // the game from their sessions, the rest from their accounts.
    const record = await getFleetGame(stack.redis, gameId);
    expect(new Map(record?.roster.map((r) => [r.playerId, r.name]))).toEqual(new Map(players.map((p) => [p.playerId, p.name])));
    players.forEach((p, i) => {
      const g = games[i] as CoralEventOf<'game.ready'>;
      expect(g.gameId).toBe(gameId);
      expect(g.serverId).toBe(moonstone.serverId);
      expect(g.moonstone).toBe(moonstone.address);
      expect(g.ticketExpiresAt - Date.now()).toBeLessThanOrEqual(60_000);
      const verified = verifyJoinTicket(g.ticket, stack.keys.publicKeyPem, { gameId, playerId: p.playerId, serverId: moonstone.serverId });
      expect(verified.ok).toBe(true);
      // Bound to this player: it does not admit anyone else.
      const other = players[(i + 1) % players.length]!;
      expect(verifyJoinTicket(g.ticket, stack.keys.publicKeyPem, { gameId, playerId: other.playerId }).ok).toBe(false);
    });
    // The allocation push runs beside game.ready (best effort; Moonstone also asks the fleet when a ticket outruns it).
    await expect.poll(() => moonstone.pushes.map((p) => p.gameId), { timeout: 10_000 }).toEqual([gameId]);

    // Moonstone reports the end to any Coral: every member is told, with the result, and the lobbies are idle again.
    const ended = players.map((p) => byPlayer.get(p.playerId)!.next('game.ended', () => true, 15_000));
    const idle = players.map((p) => byPlayer.get(p.playerId)!.next('lobby.updated', (m) => m.lobby?.state === 'idle', 15_000));
    // Fleet reports go to the internal listener, with the server's own credential; the public port has no fleet API.
    const publicTry = await fetch(`http://127.0.0.1:${stack.corals[2]!.port}/v1/fleet/games/${gameId}/events`, { method: 'POST', body: '{}' });
    expect(publicTry.status).toBe(404);
    const report = await fetch(`http://127.0.0.1:${stack.corals[2]!.internalPort}/v1/fleet/games/${gameId}/events`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-glaceon-server': moonstone.serverId,
        authorization: `Bearer ${fleetServerKey(TEST_FLEET_KEY, moonstone.serverId)}`,
      },
      body: JSON.stringify({ type: 'game.ended', serverId: moonstone.serverId, reason: 'completed', winningTeam: 1 }),
    });
    expect(report.status).toBe(200);
    for (const e of await Promise.all(ended)) {
      expect(e.gameId).toBe(gameId);
      expect(e.result).toMatchObject({ reason: 'completed', winningTeam: 1 });
    }
    for (const u of await Promise.all(idle)) expect(u.lobby).toMatchObject({ state: 'idle', idleReason: 'game_over' });
  });

  async function soloPair(): Promise<[TestPlayer, Coraline, TestPlayer, Coraline]> {
    const out: (TestPlayer | Coraline)[] = [];
    for (let i = 0; i < 2; i++) {
      const p = await makePlayer(stack.redis);
      await makeLobby(stack.redis, '1v1', [p]);
      const c = connectPlayer(stack.wsUrl, p);
      clients.push(c);
      await c.connect();
      out.push(p, c);
    }
    return out as [TestPlayer, Coraline, TestPlayer, Coraline];
  }

  it('a decline: the decliner goes idle (declined), the other lobby is requeued with its original queue time', async () => {
    const [, a, , b] = await soloPair();
    const foundA = a.next('match.found');
    const firstStatusB = b.next('queue.status');
    await b.startQueue();
    const queuedAt = (await firstStatusB).queuedAt;
    await a.startQueue();
    const m = await foundA;
    const cancelledA = a.next('match.cancelled');
    const cancelledB = b.next('match.cancelled');
    const idleA = a.next('lobby.updated', (u) => u.lobby?.state === 'idle');
    const requeuedB = b.next('queue.status', (st) => st.queuedAt === queuedAt);
    await a.decline(m.prematchId);
    expect(await cancelledA).toMatchObject({ prematchId: m.prematchId, reason: 'declined', requeued: false });
    expect(await cancelledB).toMatchObject({ prematchId: m.prematchId, reason: 'declined', requeued: true });
    expect((await idleA).lobby).toMatchObject({ state: 'idle', idleReason: 'declined' });
    expect((await requeuedB).queuedAt).toBe(queuedAt);
    // A decline of a ready check that is over changes nothing and says so.
    await expect(a.decline(m.prematchId)).rejects.toMatchObject({ code: 'WRONG_STATE' });
    await b.cancelQueue();
  });

  it('a player who reconnects after the game is ready gets it again, with a fresh ticket', async () => {
    const [pc, c, , d] = await soloPair();
    for (const x of [c, d]) x.on('match.found', (m) => void x.accept(m.prematchId).catch(() => undefined));
    const readyC = c.next('game.ready', () => true, 20_000);
    const readyD = d.next('game.ready', () => true, 20_000);
    await c.startQueue();
    await d.startQueue();
    const first = await readyC;
    await readyD;
    c.close();
    const again = connectPlayer(stack.wsUrl, pc);
    clients.push(again);
    const resumed = again.next('game.ready');
    await again.connect();
    const second = await resumed;
    expect(second.gameId).toBe(first.gameId);
    expect(second.ticket).not.toBe(first.ticket);
    expect(verifyJoinTicket(second.ticket, stack.keys.publicKeyPem, { gameId: first.gameId, playerId: pc.playerId, serverId: first.serverId }).ok).toBe(true);
  });
});
