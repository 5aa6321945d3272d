/**
 * Moving a waiting entry between two slots (queues-001 section 4) on a real Redis: the whole
 * move, a crash after every step repaired from either slot's sweep, slow late steps after a
 * repair, cancels during a move, and a move back to a slot the entry left.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { RedisClient } from '../redis.js';
import { keys } from '../keys.js';
import { acquireOrRenewLease, cancelQueue, claimPrematch, getPlayerMatchView, getQueueStats, listWaiting, startQueue, sweep, touchPlayers } from './index.js';
import { queueKeys } from './keys.js';
import { moveEntry, moveSteps, repairMove, type MoveRef } from './move.js';
import { runJson } from './scripts.js';
import { isSlotId } from './slots.js';
import { makeLobby } from '../test-support/lobbies.js';
import { useRealRedis } from '../test-support/real-redis.js';
import { TEST_QUEUES } from '../test-support/queues.js';

const A = '2v2';
const B = '2v2@eu-west';
const C = '2v2@us-east';
const SLOTS = [A, B, C];
const REPAIR_MS = 5_000;

describe('moving a waiting entry between slots', () => {
  let redis: RedisClient;
  useRealRedis((ready) => (redis = ready.redis));
  const epochs = new Map<string, number>();
  beforeEach(async () => {
    await redis.flushall();
    for (const s of SLOTS) epochs.set(s, (await acquireOrRenewLease(redis, s, `leader-${s}`, 600_000)).epoch);
  });

  async function queued(now = 1_000_000) {
    const l = await makeLobby(redis, A, 2);
    const started = await startQueue(redis, { queues: TEST_QUEUES, lobbyId: l.lobbyId, requesterId: l.host, now });
    // The other helper's per-region latencies live in the entry hash: any extra field travels.
    await redis.hset(queueKeys.ticket(A, started.ticket), 'lat', '{"eu-west":40}');
    return { ...l, ticket: started.ticket, queuedAt: started.queuedAt };
  }

  /** Every live (not dead) entry of a lobby across all slots. */
  async function live(lobbyId: string): Promise<{ slot: string; ticket: string; state: string }[]> {
    const out = [];
    for (const slot of SLOTS) {
      for (const key of await redis.keys(`${queueKeys.tag(slot)}:t:*`)) {
        const [state, lobby] = await redis.hmget(key, 'state', 'lobby');
        if (lobby === lobbyId && state !== 'dead') out.push({ slot, ticket: key.slice(key.lastIndexOf(':') + 1), state: state as string });
      }
    }
    return out;
  }

  async function pointer(lobbyId: string) {
    const [state, queueMode, ticket] = await redis.hmget(keys.lobby(lobbyId), 'state', 'queueMode', 'ticket');
    return { state, queueMode, ticket };
  }

  async function sweepAll(now: number) {
    for (const s of SLOTS) await sweep(redis, s, epochs.get(s) as number, now, { graceMs: 600_000, repairAfterMs: REPAIR_MS });
  }

  /** After a move settles: exactly one live `queued` entry, the one the lobby points at, waiting with the original queue time. */
  async function expectSettled(l: Awaited<ReturnType<typeof queued>>, slot: string) {
    const p = await pointer(l.lobbyId);
    expect(p).toMatchObject({ state: 'queued', queueMode: slot });
    expect(await live(l.lobbyId)).toEqual([{ slot, ticket: p.ticket, state: 'queued' }]);
    expect((await listWaiting(redis, slot)).map((w) => [w.ticket, w.queuedAt, w.size])).toEqual([[p.ticket, l.queuedAt, 2]]);
    for (const s of SLOTS) {
      expect((await getQueueStats(redis, s)).searching, `searching in ${s}`).toBe(s === slot ? 2 : 0);
      expect(await redis.zcard(queueKeys.outbox(s)), `outbox of ${s}`).toBe(0);
    }
    expect(await getPlayerMatchView(redis, l.host)).toMatchObject({ state: 'queued', mode: slot, ticket: p.ticket, queuedAt: l.queuedAt, partySize: 2 });
  }

  it('isSlotId accepts queue ids and <queueId>@<regionId>, nothing else', () => {
    for (const ok of ['2v2', '2v2@eu-west', '5v5@a', 'ranked-duel@x1']) expect(isSlotId(ok), ok).toBe(true);
    for (const bad of ['', '2', '2v2@', '@eu', '2v2@eu@us', '2v2@-eu', '2V2@eu', '2v2@eu_west', `2v2@${'a'.repeat(33)}`, 42])
      expect(isSlotId(bad), String(bad)).toBe(false);
  });

  it('moves the whole entry: same queue time, size, rating, players and extra fields; the lobby points at the target', async () => {
    const l = await queued();
    const before = await redis.hgetall(queueKeys.ticket(A, l.ticket));
    const res = await moveEntry(redis, { from: A, to: B, ticket: l.ticket, lobbyId: l.lobbyId, epoch: epochs.get(A) as number, now: 1_010_000 });
    if (!res.moved) throw new Error(`not moved: ${res.reason}`);
    expect(res.queuedAt).toBe(l.queuedAt);
    await expectSettled(l, B);
    const after = await redis.hgetall(queueKeys.ticket(B, res.ticket));
    for (const f of ['lobby', 'queuedAt', 'size', 'rating', 'sigma', 'players', 'lat']) expect(after[f], f).toBe(before[f]);
    expect(after).toMatchObject({ state: 'queued', moveFrom: A, moveFromTicket: l.ticket, lastMoveAt: '1010000' });
    expect(await redis.hgetall(queueKeys.ticket(A, l.ticket))).toMatchObject({ state: 'dead', reason: 'moved', moveTo: B, moveTicket: res.ticket });
    expect(await redis.pttl(queueKeys.ticket(A, l.ticket))).toBeGreaterThan(0);
    // Keep-alive lands in the target now, not the source.
    expect(await touchPlayers(redis, [A, B], l.players, 1_020_000)).toBe(1);
    expect(await redis.zscore(queueKeys.alive(B), res.ticket)).toBe('1020000');
    // And back to a slot it left (a new ticket id each time, so the old tombstone is no obstacle).
    const back = await moveEntry(redis, { from: B, to: A, ticket: res.ticket, lobbyId: l.lobbyId, epoch: epochs.get(B) as number, now: 1_030_000 });
    expect(back.moved).toBe(true);
    await expectSettled(l, A);
  });

  it('is fenced by the source epoch and refuses entries that are not waiting', async () => {
    const l = await queued();
    await expect(moveEntry(redis, { from: A, to: B, ticket: l.ticket, lobbyId: l.lobbyId, epoch: (epochs.get(A) as number) - 1 })).rejects.toMatchObject({
      code: 'STALE_EPOCH',
    });
    await expect(moveEntry(redis, { from: A, to: A, ticket: l.ticket, lobbyId: l.lobbyId, epoch: epochs.get(A) as number })).rejects.toMatchObject({
      code: 'INVALID_MESSAGE',
    });
    await expect(moveEntry(redis, { from: A, to: 'EU', ticket: l.ticket, lobbyId: l.lobbyId, epoch: epochs.get(A) as number })).rejects.toMatchObject({
      code: 'INVALID_MESSAGE',
    });
    await expectSettled(l, A);
    // The wrong lobby for the ticket: refused, and the entry is back where it was.
    await expect(
      moveEntry(redis, { from: A, to: B, ticket: l.ticket, lobbyId: 'l_other', epoch: epochs.get(A) as number, now: 1_001_000 }),
    ).rejects.toMatchObject({
      code: 'INVALID_MESSAGE',
    });
    await expectSettled(l, A);
    expect(await moveEntry(redis, { from: A, to: B, ticket: 't_nope', lobbyId: l.lobbyId, epoch: epochs.get(A) as number })).toEqual({
      moved: false,
      reason: 'not_queued',
    });
  });

  it('a moving entry is never claimed, and the player still sees it waiting', async () => {
    const l = await queued();
    const other = await makeLobby(redis, A, 2);
    const t2 = (await startQueue(redis, { queues: TEST_QUEUES, lobbyId: other.lobbyId, requesterId: other.host, now: 1_000_500 })).ticket;
    const ref: MoveRef = { from: A, ticket: l.ticket, to: B, toTicket: 't_mv1', lobbyId: l.lobbyId };
    expect((await moveSteps(redis, ref, 1_001_000).out(epochs.get(A) as number)).r).toBe(1);
    const claim = await claimPrematch(redis, { mode: A, epoch: epochs.get(A) as number, proposal: { tickets: [l.ticket, t2], teams: [[l.ticket], [t2]] } });
    expect(claim).toMatchObject({ ok: false, code: 'TICKET_TAKEN', ticket: l.ticket });
    expect((await listWaiting(redis, A)).map((w) => w.ticket)).toEqual([t2]);
    expect(await getPlayerMatchView(redis, l.host)).toMatchObject({ state: 'queued', mode: A, queuedAt: l.queuedAt });
  });

  // A crash after step k (1..4) of 5, repaired by the sweep of either slot: the lobby pointer decides.
  for (const k of [1, 2, 3, 4]) {
    for (const side of ['source', 'target'] as const) {
      it(`a crash after step ${k} is repaired by the ${side} slot's sweep (${k >= 3 ? 'moved' : 'stays'})`, async () => {
        const l = await queued();
        const ref: MoveRef = { from: A, ticket: l.ticket, to: B, toTicket: `t_mv${k}${side}`, lobbyId: l.lobbyId };
        const step = moveSteps(redis, ref, 1_001_000);
        const out = await step.out(epochs.get(A) as number);
        if (k >= 2) expect((await step.in(JSON.stringify(out.fields))).r).toBe(1);
        if (k >= 3) expect((await step.repoint()).r).toBe(1);
        if (k >= 4) expect((await step.activate()).r).toBe(1);
        // Before the repair: at most one live entry the lobby points at or will (never two queued).
        expect((await live(l.lobbyId)).filter((e) => e.state === 'queued')).toHaveLength(k === 4 ? 1 : 0);
        const slot = side === 'source' ? A : B;
        // Not due yet: nothing is repaired.
        expect((await sweep(redis, slot, epochs.get(slot) as number, 1_002_000, { graceMs: 600_000, repairAfterMs: REPAIR_MS })).repairedMoves).toEqual([]);
        const swept = await sweep(redis, slot, epochs.get(slot) as number, 1_001_000 + REPAIR_MS + 1, { graceMs: 600_000, repairAfterMs: REPAIR_MS });
        // After step 1 only the source knows of the move; after step 4 only the source is in an outbox.
        const sees = side === 'source' || (k >= 2 && k <= 3);
        expect(swept.repairedMoves.map((m) => m.outcome)).toEqual(sees ? [k >= 3 ? 'moved' : 'stays'] : []);
        if (!sees) await sweepAll(1_001_000 + REPAIR_MS + 1);
        await expectSettled(l, k >= 3 ? B : A);
        if (k >= 3) expect(await redis.hget(queueKeys.ticket(A, l.ticket), 'state')).toBe('dead');
      });
    }
  }

  it('a slow mover after the repair: its late steps are all refused (the lobby fence and the target tombstone)', async () => {
    const l = await queued();
    const ref: MoveRef = { from: A, ticket: l.ticket, to: B, toTicket: 't_slow', lobbyId: l.lobbyId };
    const step = moveSteps(redis, ref, 1_001_000);
    const out = await step.out(epochs.get(A) as number);
    // The mover pauses after step 1; the repair returns the entry to the source.
    expect(await repairMove(redis, ref, 1_010_000)).toBe('stays');
    expect((await step.in(JSON.stringify(out.fields))).r).toBe(-1);
    expect((await step.repoint()).r).toBe(-2);
    expect((await step.activate()).r).toBe(-1);
    expect((await step.done()).r).toBe(0);
    await expectSettled(l, A);
    // Paused after step 2 instead: the lobby fence stops the commit.
    const ref2: MoveRef = { ...ref, toTicket: 't_slow2' };
    const step2 = moveSteps(redis, ref2, 1_020_000);
    expect((await step2.in(JSON.stringify((await step2.out(epochs.get(A) as number)).fields))).r).toBe(1);
    expect(await repairMove(redis, ref2, 1_030_000)).toBe('stays');
    expect((await step2.repoint()).r).toBe(-2);
    expect((await step2.activate()).r).toBe(-1);
    await expectSettled(l, A);
    // Both moves stay fenced however many were resolved since: neither late commit lands.
    expect((await step.repoint()).r).toBe(-2);
    expect((await step2.repoint()).r).toBe(-2);
    await expectSettled(l, A);
    // A stale repair of the first move, after the entry moved again, changes nothing.
    const moved = await moveEntry(redis, { from: A, to: C, ticket: l.ticket, lobbyId: l.lobbyId, epoch: epochs.get(A) as number, now: 1_040_000 });
    expect(moved.moved).toBe(true);
    expect(await repairMove(redis, ref, 1_050_000)).toBe('gone');
    expect(await repairMove(redis, ref2, 1_050_000)).toBe('gone');
    await expectSettled(l, C);
  });

  it("a mover's steps interleaved with a repair's steps: the lobby fence comes first, so the mover can never commit", async () => {
    const l = await queued();
    const ref: MoveRef = { from: A, ticket: l.ticket, to: B, toTicket: 't_inter', lobbyId: l.lobbyId };
    const step = moveSteps(redis, ref, 1_001_000);
    const out = await step.out(epochs.get(A) as number);
    // The repair's first step (resolve: the lobby is at the source, fence it) ...
    expect(await runJson(redis, 'lobby-repoint', [keys.lobby(l.lobbyId)], ['resolve', A, l.ticket, B, 't_inter'])).toMatchObject({ r: 1, outcome: 'stays' });
    // ... then the mover's step 2 still lands (the target is not fenced yet) but its commit does not,
    expect((await step.in(JSON.stringify(out.fields))).r).toBe(1);
    expect((await step.repoint()).r).toBe(-2);
    // and the rest of the repair (fence the target, return the source) finishes the job.
    expect(await repairMove(redis, ref, 1_010_000)).toBe('stays');
    expect(await redis.hget(queueKeys.ticket(B, 't_inter'), 'state')).toBe('dead');
    expect((await step.activate()).r).toBe(-1);
    await expectSettled(l, A);
  });

  for (const k of [0, 1, 2, 3, 4]) {
    it(`a cancel after step ${k} of a move ends with the lobby idle and no live entry anywhere, whatever the mover does next`, async () => {
      const l = await queued();
      const ref: MoveRef = { from: A, ticket: l.ticket, to: B, toTicket: `t_cx${k}`, lobbyId: l.lobbyId };
      const step = moveSteps(redis, ref, 1_001_000);
      const out = k >= 1 ? await step.out(epochs.get(A) as number) : { fields: [] };
      if (k >= 2) await step.in(JSON.stringify(out.fields));
      if (k >= 3) await step.repoint();
      if (k >= 4) await step.activate();
      await cancelQueue(redis, { lobbyId: l.lobbyId, requesterId: l.host, reason: 'cancelled', now: 1_002_000 });
      // The mover carries on with whatever steps it had left.
      if (k < 1) expect((await step.out(epochs.get(A) as number)).r).toBe(-2);
      if (k < 2 && k >= 1) await step.in(JSON.stringify(out.fields));
      if (k < 3) expect((await step.repoint()).r).toBeLessThan(0);
      if (k < 4) expect((await step.activate()).r).toBe(-1);
      await step.done();
      await sweepAll(1_010_000);
      expect(await pointer(l.lobbyId)).toEqual({ state: 'idle', queueMode: '', ticket: '' });
      expect(await redis.hget(keys.lobby(l.lobbyId), 'idleReason')).toBe('cancelled');
      expect(await live(l.lobbyId)).toEqual([]);
      for (const s of SLOTS) {
        expect((await getQueueStats(redis, s)).searching).toBe(0);
        expect(await redis.zcard(queueKeys.outbox(s))).toBe(0);
        expect(await redis.zcard(queueKeys.alive(s))).toBe(0);
        expect(await redis.hlen(queueKeys.playerTicket(s))).toBe(0);
      }
      expect(await getPlayerMatchView(redis, l.host)).toMatchObject({ state: 'idle', idleReason: 'cancelled' });
    });
  }
});
