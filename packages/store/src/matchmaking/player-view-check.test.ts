import { describe, expect, it } from 'vitest';
import type { RedisClient } from '../redis.js';
import { acceptMatch, acquireOrRenewLease, claimPrematch, markGameReady, playerViewUnchanged, startQueue } from './index.js';
import { makeLobby } from '../test-support/lobbies.js';
import { commandsDuring } from '../test-support/commands.js';
import { leaveLobby } from '../lobbies/index.js';
import { useRealRedis } from '../test-support/real-redis.js';
import { TEST_QUEUES } from '../test-support/queues.js';

describe("playerViewUnchanged (the reconcile's cheap check)", () => {
  let redis: RedisClient;
  useRealRedis((ready) => {
    redis = ready.redis;
  });

  it('idle: one read of the lobby proves it while the lobby lists the player and is idle', async () => {
    const l = await makeLobby(redis, '2v2', 2);
    const member = l.players[1] as string;
    const used = await commandsDuring(redis, async () => expect(await playerViewUnchanged(redis, member, { state: 'idle', lobbyId: l.lobbyId })).toBe(true));
    expect(used).toEqual({ hmget: 1 });
    await leaveLobby(redis, { lobbyId: l.lobbyId, playerId: member });
    expect(await playerViewUnchanged(redis, member, { state: 'idle', lobbyId: l.lobbyId })).toBe(false);
    expect(await playerViewUnchanged(redis, l.host, { state: 'idle', lobbyId: l.lobbyId })).toBe(true);
    // Another player whose id the members' text contains (a prefix) is not listed.
    expect(await playerViewUnchanged(redis, l.host.slice(0, -1), { state: 'idle', lobbyId: l.lobbyId })).toBe(false);
    await startQueue(redis, { queues: TEST_QUEUES, lobbyId: l.lobbyId, requesterId: l.host, now: 1 });
    expect(await playerViewUnchanged(redis, l.host, { state: 'idle', lobbyId: l.lobbyId })).toBe(false);
  });

  it('proves a position only while the keys still say it, through a whole match', async () => {
    expect(await playerViewUnchanged(redis, 'p_nobody', { state: 'none' })).toBe(true);
    const a = await makeLobby(redis, '1v1', 1);
    const b = await makeLobby(redis, '1v1', 1);
    expect(await playerViewUnchanged(redis, a.host, { state: 'none' })).toBe(false);
    expect(await playerViewUnchanged(redis, a.host, { state: 'idle', lobbyId: a.lobbyId })).toBe(true);
    expect(await playerViewUnchanged(redis, a.host, { state: 'idle', lobbyId: b.lobbyId })).toBe(false);

    const t0 = 1_000_000;
    const ta = await startQueue(redis, { queues: TEST_QUEUES, lobbyId: a.lobbyId, requesterId: a.host, now: t0 });
    const tb = await startQueue(redis, { queues: TEST_QUEUES, lobbyId: b.lobbyId, requesterId: b.host, now: t0 + 1 });
    expect(await playerViewUnchanged(redis, a.host, { state: 'idle', lobbyId: a.lobbyId })).toBe(false);
    expect(await playerViewUnchanged(redis, a.host, { state: 'queued', lobbyId: a.lobbyId, mode: '1v1', ticket: ta.ticket })).toBe(true);
    // Another ticket (requeued meanwhile) or none known proves nothing.
    expect(await playerViewUnchanged(redis, a.host, { state: 'queued', lobbyId: a.lobbyId, mode: '1v1', ticket: tb.ticket })).toBe(false);
    expect(await playerViewUnchanged(redis, a.host, { state: 'queued', lobbyId: a.lobbyId, mode: '1v1', ticket: undefined })).toBe(false);

    const { epoch } = await acquireOrRenewLease(redis, '1v1', 'coral-1', 5000);
    const claim = await claimPrematch(redis, {
      mode: '1v1',
      epoch,
      proposal: { tickets: [ta.ticket, tb.ticket], teams: [[ta.ticket], [tb.ticket]] },
      now: t0 + 10,
    });
    if (!claim.ok) throw new Error('claim failed');
    // The lobby still reads `queued` under the same ticket (a ready check is not mirrored): the entry tells.
    expect(await redis.hmget(`lobby:{${a.lobbyId}}`, 'state', 'ticket')).toEqual(['queued', ta.ticket]);
    expect(await playerViewUnchanged(redis, a.host, { state: 'queued', lobbyId: a.lobbyId, mode: '1v1', ticket: ta.ticket })).toBe(false);
    expect(await playerViewUnchanged(redis, a.host, { state: 'prematch', lobbyId: a.lobbyId, mode: '1v1', prematchId: claim.prematchId })).toBe(true);
    expect(await playerViewUnchanged(redis, a.host, { state: 'prematch', lobbyId: a.lobbyId, mode: '1v1', prematchId: 'pm_other' })).toBe(false);

    await acceptMatch(redis, { mode: '1v1', prematchId: claim.prematchId, playerId: a.host, now: t0 + 20 });
    await acceptMatch(redis, { mode: '1v1', prematchId: claim.prematchId, playerId: b.host, now: t0 + 21 });
    expect(await playerViewUnchanged(redis, a.host, { state: 'prematch', lobbyId: a.lobbyId, mode: '1v1', prematchId: claim.prematchId })).toBe(false);
    // A game being created is never proven: the lobby says ingame before and after the server is known.
    expect(await playerViewUnchanged(redis, a.host, { state: 'ingame', lobbyId: a.lobbyId, ready: false })).toBe(false);
    await markGameReady(redis, { mode: '1v1', prematchId: claim.prematchId, serverId: 'ms_1', address: '127.0.0.1:7000', now: t0 + 30 });
    expect(await playerViewUnchanged(redis, a.host, { state: 'ingame', lobbyId: a.lobbyId, ready: true })).toBe(true);
    // lobbyId '' (never learned here): nothing to prove it with.
    expect(await playerViewUnchanged(redis, a.host, { state: 'ingame', lobbyId: '', ready: true })).toBe(false);
  });
});
