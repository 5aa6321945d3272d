/**
 * Party management on Coral's side (#15): any member may leave the queue for the party,
 * and the lobby says who; a failed ready check names who declined or did not accept,
 * to every player of the prematch (match.cancelled.by) and in the lobby that went idle (idleBy).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Coraline } from '@glaceon/client';
import { createAccount, createSession, getLobby } from '@glaceon/store';
import { connectPlayer, makeLobby, type TestPlayer } from '../test-support/players.js';
import { startCoralStack, type CoralStack } from '../test-support/stack.js';

const ACCEPT_TIMEOUT_MS = 2500;
let seq = 0;

describe('party: member cancel and who failed the ready check (two Corals behind nginx)', () => {
  let stack: CoralStack;
  const clients: Coraline[] = [];

  beforeAll(async () => {
    stack = await startCoralStack({ corals: 2, env: { MODES: '2v2,1v1', ACCEPT_TIMEOUT_MS: String(ACCEPT_TIMEOUT_MS), SWEEP_MS: '250' } });
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await stack?.stop();
  });

  /** A player with an account (so Coral can name them) and a session. */
  async function player(): Promise<TestPlayer> {
    const name = `party${++seq}_${Date.now().toString(36)}`.slice(0, 20);
    const account = await createAccount(stack.redis, { name, passwordHash: 'unused' });
    const { token } = await createSession(stack.redis, { playerId: account.id, name });
    return { playerId: account.id, name, token };
  }
  async function connect(p: TestPlayer): Promise<Coraline> {
    const c = connectPlayer(stack.wsUrl, p);
    clients.push(c);
    await c.connect();
    return c;
  }

  it('a member (not the host) leaves the queue: the party goes idle, cancelled, naming that member', async () => {
    const host = await player();
    const member = await player();
    const lobbyId = await makeLobby(stack.redis, '2v2', [host, member]);
    const h = await connect(host);
    const m = await connect(member);
    const queued = m.next('queue.status');
    await h.startQueue();
    await queued;
    const idleAtHost = h.next('lobby.updated', (u) => u.lobby?.state === 'idle');
    await m.cancelQueue();
    expect((await idleAtHost).lobby).toMatchObject({ state: 'idle', idleReason: 'cancelled', idleBy: [member.playerId] });
    // In keys too, so a launcher that reconnects later still learns who it was.
    expect(await getLobby(stack.redis, lobbyId)).toMatchObject({ state: 'idle', idleReason: 'cancelled', idleBy: [member.playerId] });
    // Not queued any more: a second cancel is refused and changes nothing.
    await expect(h.cancelQueue()).rejects.toMatchObject({ code: 'WRONG_STATE' });
  });

  it('a decline names the decliner to every player of the ready check', async () => {
    const a = await player();
    const b = await player();
    await makeLobby(stack.redis, '1v1', [a]);
    await makeLobby(stack.redis, '1v1', [b]);
    const ca = await connect(a);
    const cb = await connect(b);
    const found = ca.next('match.found', () => true, 15_000);
    await cb.startQueue();
    await ca.startQueue();
    const { prematchId } = await found;
    const cancelledA = ca.next('match.cancelled');
    const cancelledB = cb.next('match.cancelled');
    const idleA = ca.next('lobby.updated', (u) => u.lobby?.state === 'idle');
    await ca.decline(prematchId);
    const who = [{ id: a.playerId, name: a.name }];
    expect(await cancelledA).toMatchObject({ prematchId, reason: 'declined', requeued: false, by: who });
    expect(await cancelledB).toMatchObject({ prematchId, reason: 'declined', requeued: true, by: who });
    expect((await idleA).lobby).toMatchObject({ idleReason: 'declined', idleBy: [a.playerId] });
    await cb.cancelQueue();
  });

  it('a ready check that times out names only the players who did not accept', async () => {
    const a = await player();
    const b = await player();
    await makeLobby(stack.redis, '1v1', [a]);
    const lobbyB = await makeLobby(stack.redis, '1v1', [b]);
    const ca = await connect(a);
    const cb = await connect(b);
    const found = ca.next('match.found', () => true, 15_000);
    await cb.startQueue();
    await ca.startQueue();
    const { prematchId } = await found;
    const cancelledA = ca.next('match.cancelled', () => true, ACCEPT_TIMEOUT_MS + 10_000);
    const idleB = cb.next('lobby.updated', (u) => u.lobby?.state === 'idle', ACCEPT_TIMEOUT_MS + 10_000);
    await ca.accept(prematchId);
    // b never answers.
    expect(await cancelledA).toMatchObject({ prematchId, reason: 'timeout', requeued: true, by: [{ id: b.playerId, name: b.name }] });
    expect((await idleB).lobby).toMatchObject({ idleReason: 'timeout', idleBy: [b.playerId] });
    expect((await getLobby(stack.redis, lobbyB))?.idleBy).toEqual([b.playerId]);
    await ca.cancelQueue();
  });
});
