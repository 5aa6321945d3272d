/**
 * #12 items 9 and 12 against a real Realm and redis-server: per-account limits
 * on lobby churn, invite rotation, kicks and direct invites; direct invites
 * deduplicated; short lifetimes for revoked tokens and tombstones; a kick
 * rotates the invite token.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '@glaceon/store';
import { inviteKey, lobbyKeys } from '@glaceon/store/testing';
import type { RealmClient } from '@glaceon/client';
import { keyspace, PASSWORD, startStack, uniqueName, type Stack } from './test-support/harness.js';

describe('lobby and invite limits (#12)', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack(1, {
      accountLimits: {
        lobby: { max: 4, windowMs: 60_000 },
        inviteRotate: { max: 3, windowMs: 60_000 },
        kick: { max: 30, windowMs: 60_000 },
        directInvite: { max: 5, windowMs: 60_000 },
        joinRequest: { max: 20, windowMs: 60_000 },
      },
    });
  });
  afterAll(async () => stack.close());

  async function player(): Promise<{ client: RealmClient; id: string; name: string }> {
    const client = stack.client();
    const name = uniqueName('ll');
    const me = await client.register(name, PASSWORD);
    return { client, id: me.player.id, name };
  }

  it('a kick rotates the invite token: the kicked player cannot rejoin with the old link', async () => {
    const host = await player();
    const bob = await player();
    const created = await host.client.createLobby('2v2');
    const oldToken = created.invite!.token;
    await bob.client.joinByToken(oldToken);
    const kicked = await host.client.kickMember(created.lobby.id, bob.id);
    expect(kicked.lobby.members.map((m) => m.id)).toEqual([host.id]);
    expect(kicked.invite.token).not.toBe(oldToken);
    await expect(bob.client.joinByToken(oldToken)).rejects.toMatchObject({ code: 'INVITE_REVOKED' });
    // The revoked record is short-lived (an hour at most), not a day.
    const ttl = await stack.redis.pttl(inviteKey(hashToken(oldToken)));
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60 * 60 * 1000);
    await host.client.leaveLobby(created.lobby.id);
  });

  it('limits lobby create/leave per account (typed, retryable) and a refused create writes nothing', async () => {
    const p = await player();
    for (let i = 0; i < 2; i++) {
      const { lobby } = await p.client.createLobby('1v1');
      await p.client.leaveLobby(lobby.id);
      // The closed lobby's tombstone lives minutes, not a day.
      const ttl = await stack.redis.pttl(lobbyKeys.dead(lobby.id));
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(10 * 60 * 1000);
    }
    const before = await keyspace(stack.redis);
    await expect(p.client.createLobby('1v1')).rejects.toMatchObject({ code: 'RATE_LIMITED', status: 429 });
    expect(await keyspace(stack.redis)).toEqual(before);
  });

  it('limits invite rotation per account', async () => {
    const p = await player();
    const { lobby } = await p.client.createLobby('2v2');
    for (let i = 0; i < 3; i++) await p.client.rotateInvite(lobby.id);
    await expect(p.client.rotateInvite(lobby.id)).rejects.toMatchObject({ code: 'RATE_LIMITED' });
  });

  it('direct invites: one per (from, to, lobby), one push, and limited per account', async () => {
    const host = await player();
    const friends = [await player(), await player()];
    for (const f of friends) {
      await host.client.sendFriendRequest(f.name);
      await f.client.acceptFriendRequest(host.id);
    }
    const { lobby } = await host.client.createLobby('5v5');
    const first = await host.client.inviteFriend(lobby.id, friends[0]!.id);
    const again = await host.client.inviteFriend(lobby.id, friends[0]!.id);
    expect(again).toEqual(first);
    expect(await friends[0]!.client.invites()).toEqual([first]);
    for (let i = 0; i < 3; i++) await host.client.inviteFriend(lobby.id, friends[1]!.id);
    expect(await friends[1]!.client.invites()).toHaveLength(1);
    // Five invites counted for the host so far: the sixth is refused.
    await expect(host.client.inviteFriend(lobby.id, friends[1]!.id)).rejects.toMatchObject({ code: 'RATE_LIMITED' });
  });
});
