import { describe, expect, it } from 'vitest';
import type { RedisClient } from '../redis.js';
import {
  createDirectInvite,
  hashInviteToken,
  issueInviteToken,
  listDirectInvites,
  refundInviteUse,
  revokeInviteToken,
  takeDirectInvite,
  useInviteToken,
} from './index.js';
import { inviteKey } from './keys.js';
import { channels } from '../keys.js';
import { useRealRedis } from '../test-support/real-redis.js';
import { createPlayerBusSubscriber } from '../presence/bus.js';

describe('invite store', () => {
  let redis: RedisClient;
  useRealRedis((ready) => (redis = ready.redis));

  it('issues >=128-bit base64url tokens stored only hashed, with a use limit', async () => {
    const issued = await issueInviteToken(redis, { lobbyId: 'l_one', maxUses: 2 });
    expect(Buffer.from(issued.token, 'base64url').length * 8).toBeGreaterThanOrEqual(128);
    expect(await redis.exists(inviteKey(issued.token))).toBe(0);
    expect(await redis.hget(inviteKey(hashInviteToken(issued.token)), 'lobbyId')).toBe('l_one');
    expect(await useInviteToken(redis, issued.token)).toEqual({ lobbyId: 'l_one', tokenHash: issued.tokenHash });
    await useInviteToken(redis, issued.token);
    await expect(useInviteToken(redis, issued.token)).rejects.toMatchObject({ code: 'INVITE_USED_UP' });
    await refundInviteUse(redis, issued.tokenHash);
    await useInviteToken(redis, issued.token);
    await revokeInviteToken(redis, issued.tokenHash);
    await expect(useInviteToken(redis, issued.token)).rejects.toMatchObject({ code: 'INVITE_REVOKED' });
    await expect(useInviteToken(redis, 'short')).rejects.toMatchObject({ code: 'INVITE_INVALID' });
    const expired = await issueInviteToken(redis, { lobbyId: 'l_two', ttlMs: 1 });
    await expect.poll(() => useInviteToken(redis, expired.token).catch((e: { code: string }) => e.code)).toBe('INVITE_EXPIRED');
  });

  it('keeps direct invites until taken once', async () => {
    const inv = await createDirectInvite(redis, { toId: 'p_to', lobbyId: 'l_x', from: { id: 'p_from', name: 'Ada' }, mode: '2v2' });
    expect(await listDirectInvites(redis, 'p_to')).toEqual([inv]);
    expect(await takeDirectInvite(redis, 'p_to', inv.id)).toEqual(inv);
    await expect(takeDirectInvite(redis, 'p_to', inv.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('pushes a direct invite to the invitee when made and when taken', async () => {
    const sub = createPlayerBusSubscriber(redis);
    const got: unknown[] = [];
    sub.on('smessage', (_channel: string, text: string) => got.push(JSON.parse(text)));
    await sub.ssubscribe(channels.realmPlayer('p_pushed'));
    const inv = await createDirectInvite(redis, { toId: 'p_pushed', lobbyId: 'l_y', from: { id: 'p_from', name: 'Ada' }, mode: '2v2' });
    await takeDirectInvite(redis, 'p_pushed', inv.id);
    await expect.poll(() => got.length).toBe(2);
    sub.disconnect();
    expect(got).toEqual([
      { kind: 'event', event: { type: 'invite.received', invite: inv } },
      { kind: 'event', event: { type: 'invite.removed', inviteId: inv.id } },
    ]);
  });

  it('direct invites: one per (from, to, lobby); capped per recipient with a typed error', async () => {
    const from = (i: number) => ({ id: `p_from${i}`, name: `From${i}` });
    const first = await createDirectInvite(redis, { toId: 'p_cap', lobbyId: 'l_cap0', from: from(0), mode: '2v2', maxPending: 3 });
    expect(await createDirectInvite(redis, { toId: 'p_cap', lobbyId: 'l_cap0', from: from(0), mode: '2v2', maxPending: 3 })).toEqual(first);
    await createDirectInvite(redis, { toId: 'p_cap', lobbyId: 'l_cap1', from: from(1), mode: '2v2', maxPending: 3 });
    await createDirectInvite(redis, { toId: 'p_cap', lobbyId: 'l_cap2', from: from(2), mode: '2v2', maxPending: 3 });
    await expect(createDirectInvite(redis, { toId: 'p_cap', lobbyId: 'l_cap3', from: from(3), mode: '2v2', maxPending: 3 })).rejects.toMatchObject({
      code: 'RATE_LIMITED',
    });
    expect(await listDirectInvites(redis, 'p_cap')).toHaveLength(3);
    // Expired invites make room.
    await createDirectInvite(redis, { toId: 'p_cap2', lobbyId: 'l_x', from: from(0), mode: '2v2', ttlMs: 1, maxPending: 1 });
    await new Promise((r) => setTimeout(r, 5));
    await createDirectInvite(redis, { toId: 'p_cap2', lobbyId: 'l_y', from: from(1), mode: '2v2', maxPending: 1 });
    expect((await listDirectInvites(redis, 'p_cap2')).map((i) => i.lobbyId)).toEqual(['l_y']);
  });

  it('a revoked token record lives at most an hour', async () => {
    const issued = await issueInviteToken(redis, { lobbyId: 'l_rev', ttlMs: 24 * 60 * 60 * 1000 });
    await revokeInviteToken(redis, issued.tokenHash);
    const ttl = await redis.pttl(inviteKey(issued.tokenHash));
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60 * 60 * 1000);
    await expect(useInviteToken(redis, issued.token)).rejects.toMatchObject({ code: 'INVITE_REVOKED' });
  });
});
