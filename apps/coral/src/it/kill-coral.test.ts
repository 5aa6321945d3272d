import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Coraline } from '@glaceon/client';
import type { QueueModeId } from '@glaceon/protocol';
import { getPlayerMatchView } from '@glaceon/store';
import { queueKeys } from '@glaceon/store/testing';
import { startFakeMoonstone, type FakeMoonstone } from '../test-support/fake-moonstone.js';
import { connectPlayer, makeLobby, makePlayer } from '../test-support/players.js';
import { ClientProbe, settledState } from '../test-support/probe.js';
import { startCoralStack, TEST_FLEET_KEY, waitFor, type CoralStack } from '../test-support/stack.js';

const GRACE_MS = 3000;
const SWEEP_MS = 250;
const ACCEPT_TIMEOUT_MS = 4000;

/** A Coral SIGKILLed with players queued and with players in a ready check. */
describe('a Coral dies under its players', () => {
  let stack: CoralStack;
  let moonstone: FakeMoonstone;
  const clients: Coraline[] = [];

  beforeAll(async () => {
    stack = await startCoralStack({
      corals: 3,
      env: {
        MODES: '1v1,5v5',
        HEARTBEAT_MS: '500',
        RECONCILE_MS: '500',
        KEEPALIVE_MS: '300',
        STATUS_MS: '500',
        GRACE_MS: String(GRACE_MS),
        SWEEP_MS: String(SWEEP_MS),
        LEASE_TTL_MS: '1000',
        ACCEPT_TIMEOUT_MS: String(ACCEPT_TIMEOUT_MS),
      },
    });
    moonstone = await startFakeMoonstone(stack.redis, { capacity: 50, fleetKey: TEST_FLEET_KEY });
  });

  afterAll(async () => {
    for (const c of clients) c.close();
    await moonstone?.stop();
    await stack?.stop();
  });

  async function connectSolo(mode: QueueModeId, count: number, reconnect = true): Promise<ClientProbe[]> {
    const probes: ClientProbe[] = [];
    for (let i = 0; i < count; i++) {
      const player = await makePlayer(stack.redis);
      await makeLobby(stack.redis, mode, [player]);
      const client = connectPlayer(stack.wsUrl, player, { reconnect });
      clients.push(client);
      const probe = new ClientProbe(player, client);
      await client.connect();
      probes.push(probe);
    }
    return probes;
  }

  const coralOf = (p: ClientProbe) => p.client.welcome?.coralId ?? p.coralIds.at(-1);
  const indexOf = (coralId: string | undefined) => stack.corals.findIndex((c) => c.coralId === coralId);

  it('queued players: those who come back stay queued, a lobby whose players vanished leaves with a reason', async () => {
    // 5v5 needs ten players: six solo lobbies stay queued.
    const probes = await connectSolo('5v5', 5);
    const [vanishing] = await connectSolo('5v5', 1, false);
    const all = [...probes, vanishing!];
    for (const p of all) await p.client.startQueue();
    await waitFor('everyone queued', async () => (await Promise.all(all.map((p) => settledState(stack.redis, p)))).every((v) => v && v.state === 'queued'));

    const victimIndex = indexOf(coralOf(vanishing!));
    const victim = stack.corals[victimIndex]!;
    const moved = probes.filter((p) => coralOf(p) === victim.coralId);
    expect(moved.length).toBeGreaterThan(0);
    const killedAt = Date.now();
    victim.proc.kill('SIGKILL');
    await victim.proc.exited;

    // Clients of the dead Coral reconnect through nginx to another one and resume queued.
    await waitFor('moved players resumed elsewhere', () => moved.every((p) => p.client.status === 'open' && coralOf(p) !== victim.coralId), 10_000);
    await waitFor('everyone still connected is queued (keys and client agree)', async () =>
      (await Promise.all(probes.map((p) => settledState(stack.redis, p)))).every((v) => v && v.state === 'queued'),
    );

    // The player who never came back: out of the queue, idle with a reason, within grace + 2 sweeps (+ slack for a busy machine).
    // Until then each check says what it saw, so a timeout names the step that did not happen:
    // the entry's last keep-alive, and who holds the queue's lease (a new leader must sweep it).
    const view = await waitFor(
      'the vanished lobby to go idle',
      async () => {
        const v = await getPlayerMatchView(stack.redis, vanishing!.player.playerId);
        if (v.state === 'idle') return v;
        const ticket = 'ticket' in v ? v.ticket : undefined;
        const [lastSeen, leader] = await Promise.all([
          ticket ? stack.redis.zscore(queueKeys.alive('5v5'), ticket) : null,
          stack.redis.get(queueKeys.lease('5v5')),
        ]);
        const sinceKill = (at: number) => `${at - killedAt} ms after the kill`;
        throw new Error(
          `${sinceKill(Date.now())}: ${JSON.stringify(v)}; last kept alive ${lastSeen ? sinceKill(Number(lastSeen)) : 'never'}; lease held by ${leader ?? 'nobody'} (killed: ${victim.coralId})`,
        );
      },
      GRACE_MS + 2 * SWEEP_MS + 3000,
    );
    expect(view.idleReason).toBeTruthy();
    expect(Date.now() - killedAt).toBeLessThan(GRACE_MS + 2 * SWEEP_MS + 3000);
    // The others were kept alive through their new Coral past the grace period.
    await waitFor('past the grace period', () => Date.now() - killedAt > GRACE_MS + 2 * SWEEP_MS);
    for (const p of probes) expect((await getPlayerMatchView(stack.redis, p.player.playerId)).state).toBe('queued');
    for (const p of probes) await p.client.cancelQueue();
    await stack.restartCoral(victimIndex);
  }, 60_000);

  it('players in a ready check: everyone ends in a game, queued again, or idle with a reason; none stranded', async () => {
    const probes = await connectSolo('1v1', 6);
    const [absent] = await connectSolo('1v1', 1, false);
    const partner = await connectSolo('1v1', 1);
    const all = [...probes, absent!, ...partner];
    let autoAccept = false;
    for (const p of all) {
      p.client.on('match.found', (m) => {
        if (autoAccept && p !== absent && !m.youAccepted) void p.client.accept(m.prematchId).catch(() => undefined);
      });
    }
    for (const p of all) await p.client.startQueue();
    await waitFor('every player in a ready check', async () =>
      (await Promise.all(all.map((p) => getPlayerMatchView(stack.redis, p.player.playerId)))).every((v) => v.state === 'prematch'),
    );

    const victimIndex = indexOf(coralOf(absent!));
    const victim = stack.corals[victimIndex]!;
    const resuming = all.filter((p) => p !== absent && coralOf(p) === victim.coralId);
    expect(resuming.length).toBeGreaterThan(0);
    const killedAt = Date.now();
    victim.proc.kill('SIGKILL');
    await victim.proc.exited;
    autoAccept = true;
    // Those not on the dead Coral accept now; the others accept when their resumed socket gets match.found again.
    for (const p of all) {
      if (p === absent || coralOf(p) === victim.coralId) continue;
      const m = p.last('match.found');
      if (m) void p.client.accept(m.prematchId).catch(() => undefined);
    }

    const survivors = all.filter((p) => p !== absent);
    await waitFor(
      'every player settled',
      async () =>
        (await Promise.all(survivors.map((p) => settledState(stack.redis, p)))).every(Boolean) && (await settledState(stack.redis, absent!, false)) !== false,
      ACCEPT_TIMEOUT_MS + 2 * SWEEP_MS + 8000,
    );
    // Resumed players got the ready check again on their new Coral.
    for (const p of resuming) expect(p.coralIds.length).toBeGreaterThanOrEqual(2);
    const absentView = await getPlayerMatchView(stack.redis, absent!.player.playerId);
    expect(absentView).toMatchObject({ state: 'idle', idleReason: 'timeout' });
    const states = await Promise.all(survivors.map((p) => getPlayerMatchView(stack.redis, p.player.playerId)));
    // The absent player's opponent went back to the queue; everyone else is in a game.
    expect(states.filter((s) => s.state === 'queued')).toHaveLength(1);
    expect(states.filter((s) => s.state === 'ingame')).toHaveLength(survivors.length - 1);
    expect(Date.now() - killedAt).toBeLessThan(ACCEPT_TIMEOUT_MS + 2 * SWEEP_MS + 8000);
    await stack.restartCoral(victimIndex);
  }, 60_000);
});
