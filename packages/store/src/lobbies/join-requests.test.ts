import { describe, expect, it } from 'vitest';
import { newId } from '@glaceon/protocol';
import type { RedisClient } from '../redis.js';
import { keys } from '../keys.js';
import { createLobby, joinLobby, kickMember, listJoinRequests, requestToJoin, takeJoinRequest } from './index.js';
import { lobbyKeys } from './keys.js';
import { useRealRedis } from '../test-support/real-redis.js';
import { TEST_QUEUES } from '../test-support/queues.js';

/** Every key of the lobby's slot and its DUMP: equal snapshots mean nothing was written. */
async function slot(redis: RedisClient, lobbyId: string): Promise<Map<string, string | null>> {
  const names = [keys.lobby(lobbyId), lobbyKeys.joinRequests(lobbyId)];
  const dumps = await Promise.all(names.map((k) => redis.dumpBuffer(k)));
  return new Map(names.map((k, i) => [k, dumps[i]?.toString('base64') ?? null]));
}

describe('join requests and the kick that swaps the invite (real Redis)', () => {
  let redis: RedisClient;
  useRealRedis((ready) => (redis = ready.redis));
  const player = () => ({ id: newId('p_'), name: `n${Math.floor(Math.random() * 1e6)}` });

  it('one pending request per requester; capped per lobby; the host alone takes them; refusals write nothing', async () => {
    const [h, a, b, c] = [player(), player(), player(), player()];
    const l = await createLobby(redis, { hostId: h.id, hostName: h.name, mode: '5v5' });
    const first = await requestToJoin(redis, { lobbyId: l.id, from: a, maxPending: 2 });
    expect(first).toMatchObject({ hostId: h.id, created: true });
    const again = await requestToJoin(redis, { lobbyId: l.id, from: a, maxPending: 2 });
    expect(again).toEqual({ request: first.request, hostId: h.id, created: false });
    await requestToJoin(redis, { lobbyId: l.id, from: b, maxPending: 2 });
    const before = await slot(redis, l.id);
    await expect(requestToJoin(redis, { lobbyId: l.id, from: c, maxPending: 2 })).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    await expect(requestToJoin(redis, { lobbyId: l.id, from: h, maxPending: 9 })).rejects.toMatchObject({ code: 'ALREADY_IN_LOBBY' });
    await expect(takeJoinRequest(redis, { lobbyId: l.id, hostId: a.id, requesterId: b.id })).rejects.toMatchObject({ code: 'NOT_IN_LOBBY' });
    await expect(takeJoinRequest(redis, { lobbyId: l.id, hostId: h.id, requesterId: c.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await slot(redis, l.id)).toEqual(before);

    expect((await listJoinRequests(redis, l.id)).map((r) => r.from.id)).toEqual([a.id, b.id]);
    expect(await takeJoinRequest(redis, { lobbyId: l.id, hostId: h.id, requesterId: a.id })).toEqual(first.request);
    await expect(takeJoinRequest(redis, { lobbyId: l.id, hostId: h.id, requesterId: a.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await listJoinRequests(redis, l.id)).map((r) => r.from.id)).toEqual([b.id]);
  });

  it('an expired request cannot be taken and makes room for a new one', async () => {
    const [h, a, b] = [player(), player(), player()];
    const l = await createLobby(redis, { hostId: h.id, hostName: h.name, mode: '5v5' });
    await requestToJoin(redis, { lobbyId: l.id, from: a, ttlMs: 50, maxPending: 1 });
    await new Promise((r) => setTimeout(r, 80));
    expect(await listJoinRequests(redis, l.id)).toEqual([]);
    await expect(takeJoinRequest(redis, { lobbyId: l.id, hostId: h.id, requesterId: a.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await requestToJoin(redis, { lobbyId: l.id, from: b, maxPending: 1 })).created).toBe(true);
    // The expired one went with that write.
    expect(await redis.hkeys(lobbyKeys.joinRequests(l.id))).toEqual([b.id]);
  });

  it('a kick with a new invite hash swaps it in the same step; a refused kick keeps the old one', async () => {
    const [h, a] = [player(), player()];
    const l = await createLobby(redis, { hostId: h.id, hostName: h.name, mode: '5v5', inviteHash: 'old-hash' });
    await joinLobby(redis, { queues: TEST_QUEUES, lobbyId: l.id, playerId: a.id, name: a.name });
    await expect(kickMember(redis, { lobbyId: l.id, hostId: a.id, playerId: h.id, newInviteHash: 'new-hash' })).rejects.toMatchObject({ code: 'NOT_HOST' });
    expect(await redis.hget(keys.lobby(l.id), 'inviteHash')).toBe('old-hash');
    const result = await kickMember(redis, { lobbyId: l.id, hostId: h.id, playerId: a.id, newInviteHash: 'new-hash' });
    expect(result.inviteHash).toBe('old-hash');
    expect(await redis.hget(keys.lobby(l.id), 'inviteHash')).toBe('new-hash');
    // The old hash no longer admits (add-member compares it with the lobby's).
    await expect(joinLobby(redis, { queues: TEST_QUEUES, lobbyId: l.id, playerId: a.id, name: a.name, inviteHash: 'old-hash' })).rejects.toMatchObject({
      code: 'INVITE_REVOKED',
    });
  });
});
