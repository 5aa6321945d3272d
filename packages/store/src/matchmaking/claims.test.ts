import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GlaceonError } from '@glaceon/protocol';
import { startRedis, type RedisHandle } from '@glaceon/testkit';
import { closeRedis, createRedis, type RedisClient } from '../redis.js';
import { keys } from '../keys.js';
import { acquireOrRenewLease, claimPrematch, startQueue, sweep, type ClaimOutcome } from './index.js';
import { queueKeys } from './keys.js';
import { makeLobby } from '../test-support/lobbies.js';
import { TEST_QUEUES } from '../test-support/queues.js';

describe('claims', () => {
  let server: RedisHandle;
  let redis: RedisClient;
  let conns: RedisClient[];
  beforeAll(async () => {
    server = await startRedis();
    redis = createRedis(server.url);
    conns = Array.from({ length: 5 }, () => createRedis(server.url));
  });
  afterAll(async () => {
    await Promise.all([redis, ...conns].map(closeRedis));
    await server.stop();
  });

  it('concurrent claims on overlapping tickets: exactly one wins, every time', async () => {
    const { epoch } = await acquireOrRenewLease(redis, '1v1', 'leader', 60_000);
    for (let round = 0; round < 60; round++) {
      const lobbies = await Promise.all(Array.from({ length: 6 }, () => makeLobby(redis, '1v1', 1)));
      const tickets = await Promise.all(
        lobbies.map((l) => startQueue(redis, { queues: TEST_QUEUES, lobbyId: l.lobbyId, requesterId: l.host }).then((r) => r.ticket)),
      );
      const [shared, ...others] = tickets as [string, ...string[]];
      // Five connections race for five different matches that all need the shared ticket.
      const outcomes: ClaimOutcome[] = await Promise.all(
        others.map((other, i) =>
          claimPrematch(conns[i] as RedisClient, { mode: '1v1', epoch, proposal: { tickets: [shared, other], teams: [[shared], [other]] } }),
        ),
      );
      const winners = outcomes.filter((o) => o.ok);
      expect(winners).toHaveLength(1);
      expect(outcomes.filter((o) => !o.ok && o.code === 'TICKET_TAKEN')).toHaveLength(4);
      // The losers' other tickets are untouched: still queued, lobbies still queued.
      const states = await Promise.all(tickets.map((t) => redis.hget(queueKeys.ticket('1v1', t), 'state')));
      expect(states.filter((s) => s === 'prematch')).toHaveLength(2);
      expect(states.filter((s) => s === 'queued')).toHaveLength(4);
      const lobbyStates = await Promise.all(lobbies.map((l) => redis.hget(keys.lobby(l.lobbyId), 'state')));
      // Every lobby reads queued: the winners' ready check is not mirrored onto them.
      expect(lobbyStates.filter((s) => s === 'queued')).toHaveLength(lobbies.length);
      // Clean the round out of the waiting set so rounds stay independent.
      await redis.del(queueKeys.waiting('1v1'));
    }
  });

  it('a stale epoch never claims or sweeps, and a paused leader cannot renew', async () => {
    const a = await acquireOrRenewLease(redis, '2v2', 'coral-a', 60_000);
    expect(a.leader).toBe(true);
    expect(await acquireOrRenewLease(redis, '2v2', 'coral-b', 60_000)).toEqual({ leader: false, epoch: a.epoch });
    // coral-a is paused past its lease; coral-b takes over.
    await redis.del(queueKeys.lease('2v2'));
    const b = await acquireOrRenewLease(redis, '2v2', 'coral-b', 60_000);
    expect(b).toEqual({ leader: true, epoch: a.epoch + 1 });
    const l1 = await makeLobby(redis, '2v2', 2);
    const l2 = await makeLobby(redis, '2v2', 2);
    const t1 = await startQueue(redis, { queues: TEST_QUEUES, lobbyId: l1.lobbyId, requesterId: l1.host });
    const t2 = await startQueue(redis, { queues: TEST_QUEUES, lobbyId: l2.lobbyId, requesterId: l2.host });
    const proposal = { tickets: [t1.ticket, t2.ticket], teams: [[t1.ticket], [t2.ticket]] };
    // coral-a resumes and tries to claim with its old epoch: rejected, nothing changed.
    expect(await claimPrematch(redis, { mode: '2v2', epoch: a.epoch, proposal })).toEqual({ ok: false, code: 'STALE_EPOCH' });
    expect(await redis.hget(queueKeys.ticket('2v2', t1.ticket), 'state')).toBe('queued');
    expect(await redis.hget(keys.lobby(l1.lobbyId), 'state')).toBe('queued');
    await expect(sweep(redis, '2v2', a.epoch)).rejects.toBeInstanceOf(GlaceonError);
    expect(await acquireOrRenewLease(redis, '2v2', 'coral-a', 60_000)).toEqual({ leader: false, epoch: b.epoch });
    // The new leader claims fine.
    expect((await claimPrematch(redis, { mode: '2v2', epoch: b.epoch, proposal })).ok).toBe(true);
  });

  it('a claim naming one ticket twice, or a ticket in another mode, fails whole', async () => {
    const { epoch } = await acquireOrRenewLease(redis, '5v5', 'leader', 60_000);
    const l1 = await makeLobby(redis, '5v5', 1);
    const t1 = await startQueue(redis, { queues: TEST_QUEUES, lobbyId: l1.lobbyId, requesterId: l1.host });
    expect(await claimPrematch(redis, { mode: '5v5', epoch, proposal: { tickets: [t1.ticket, t1.ticket], teams: [[t1.ticket], [t1.ticket]] } })).toMatchObject({
      ok: false,
      code: 'TICKET_TAKEN',
    });
    expect(await claimPrematch(redis, { mode: '5v5', epoch, proposal: { tickets: [t1.ticket, 't_other'], teams: [[t1.ticket], ['t_other']] } })).toMatchObject({
      ok: false,
      code: 'TICKET_TAKEN',
      ticket: 't_other',
    });
    expect(await redis.hget(queueKeys.ticket('5v5', t1.ticket), 'state')).toBe('queued');
  });
});
