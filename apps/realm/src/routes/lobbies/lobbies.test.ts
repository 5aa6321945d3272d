import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RealmClient, RealmEvents } from '@glaceon/client';
import { hashInviteToken, notifyLobbyChanged } from '@glaceon/store';
import { inviteKey, keys } from '@glaceon/store/testing';
import { PASSWORD, startStack, uniqueName, waitFor, type Stack } from '../../test-support/harness.js';

describe('lobbies, invites and their events', () => {
  let stack: Stack;
  let host: RealmClient, ann: RealmClient, bob: RealmClient, cat: RealmClient;
  let hostEv: RealmEvents, annEv: RealmEvents, bobEv: RealmEvents;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    stack = await startStack(1, { coralPublicUrl: 'ws://coral.test:1/v1/play', inviteMaxUses: 2 });
    [host, ann, bob, cat] = [stack.client(), stack.client(), stack.client(), stack.client()];
    for (const [label, c] of [
      ['host', host],
      ['ann', ann],
      ['bob', bob],
      ['cat', cat],
    ] as const) {
      ids[label] = (await c.register(uniqueName(label), PASSWORD)).player.id;
    }
    [hostEv, annEv, bobEv] = [stack.events(host), stack.events(ann), stack.events(bob)];
    await Promise.all([hostEv.connect(), annEv.connect(), bobEv.connect()]);
  });
  afterAll(async () => stack.close());

  it('creates a lobby with an invite link and the Coral endpoint; joins by token; pushes updates', async () => {
    const created = await host.createLobby('5v5');
    expect(created.coralUrl).toBe('ws://coral.test:1/v1/play');
    expect(created.lobby).toMatchObject({ host: ids.host, mode: '5v5', state: 'idle' });
    expect(created.invite!.link).toBe(`glaceon://join/${created.invite!.token}`);
    expect(Buffer.from(created.invite!.token, 'base64url').length).toBeGreaterThanOrEqual(16);
    // Stored hashed only.
    expect(await stack.redis.exists(inviteKey(hashInviteToken(created.invite!.token)))).toBe(1);
    expect(await stack.redis.exists(inviteKey(created.invite!.token))).toBe(0);

    expect(await ann.previewInvite(created.invite!.token)).toEqual({
      lobbyId: created.lobby.id,
      hostName: (await host.me()).name,
      mode: '5v5',
      members: 1,
      maxMembers: 5,
    });
    await expect(ann.previewInvite('P'.repeat(32))).rejects.toMatchObject({ code: 'INVITE_INVALID' });
    const pushed = hostEv.next('lobby.updated', (m) => m.lobby?.members.length === 2);
    const joined = await ann.joinByToken(created.invite!.token);
    expect(joined.coralUrl).toBe('ws://coral.test:1/v1/play');
    expect(joined.lobby.members.map((m) => m.id)).toEqual([ids.host, ids.ann]);
    expect((await pushed).lobby!.version).toBe(joined.lobby.version);
    expect((await ann.currentLobby()).lobby!.id).toBe(created.lobby.id);
    expect((await ann.lobby(created.lobby.id)).id).toBe(created.lobby.id);

    // Host actions.
    await expect(ann.setMode(created.lobby.id, '1v1')).rejects.toMatchObject({ code: 'NOT_HOST' });
    await expect(host.setMode(created.lobby.id, '1v1')).rejects.toMatchObject({ code: 'PARTY_TOO_LARGE' });
    expect((await host.setMode(created.lobby.id, '2v2')).mode).toBe('2v2');
    // 2v2 holds 2: the second use of the token finds it full, and the use is refunded.
    await expect(bob.joinByToken(created.invite!.token)).rejects.toMatchObject({ code: 'LOBBY_FULL' });
    expect(await stack.redis.hget(inviteKey(hashInviteToken(created.invite!.token)), 'usesLeft')).toBe('1');
    expect((await host.transferHost(created.lobby.id, ids.ann!)).host).toBe(ids.ann);
    await expect(host.kick(created.lobby.id, ids.ann!)).rejects.toMatchObject({ code: 'NOT_HOST' });
    const kickedPush = hostEv.next('lobby.updated', (m) => m.lobby === null);
    expect((await ann.kick(created.lobby.id, ids.host!)).members.map((m) => m.id)).toEqual([ids.ann]);
    expect((await kickedPush).reason).toBe('kicked');
    await expect(host.lobby(created.lobby.id)).rejects.toMatchObject({ code: 'NOT_IN_LOBBY' });

    // Leaving as the last member closes the lobby and revokes its token.
    await ann.leaveLobby(created.lobby.id);
    expect((await ann.currentLobby()).lobby).toBeNull();
    await expect(bob.joinByToken(created.invite!.token)).rejects.toMatchObject({ code: 'INVITE_REVOKED' });
  });

  it('rotates the token (old one revoked), enforces the use limit, expiry and guesses', async () => {
    const created = await host.createLobby('5v5');
    const lobbyId = created.lobby.id;
    await expect(ann.rotateInvite(lobbyId)).rejects.toMatchObject({ code: 'NOT_IN_LOBBY' });
    const rotated = await host.rotateInvite(lobbyId);
    expect(rotated.token).not.toBe(created.invite!.token);
    await expect(ann.joinByToken(created.invite!.token)).rejects.toMatchObject({ code: 'INVITE_REVOKED', status: 410 });
    await expect(ann.previewInvite(created.invite!.token)).rejects.toMatchObject({ code: 'INVITE_REVOKED' });
    await ann.joinByToken(rotated.token);
    await bob.joinByToken(rotated.token);
    await expect(cat.joinByToken(rotated.token)).rejects.toMatchObject({ code: 'INVITE_USED_UP', status: 410 });
    const again = await host.rotateInvite(lobbyId);
    await stack.redis.hset(inviteKey(hashInviteToken(again.token)), 'expiresAt', Date.now() - 1);
    await expect(cat.joinByToken(again.token)).rejects.toMatchObject({ code: 'INVITE_EXPIRED', status: 410 });
    await expect(cat.joinByToken('A'.repeat(32))).rejects.toMatchObject({ code: 'INVITE_INVALID', status: 404 });
    await expect(ann.createLobby('1v1')).rejects.toMatchObject({ code: 'ALREADY_IN_LOBBY' });
    for (const c of [ann, bob, host]) await c.leaveLobby(lobbyId);
  });

  it('refuses membership changes while Coral has the lobby queued, then pushes Coral state changes', async () => {
    const created = await host.createLobby('5v5');
    const lobbyId = created.lobby.id;
    await ann.joinByToken(created.invite!.token);
    await stack.redis.hset(keys.lobby(lobbyId), { state: 'queued', ticket: 't_abc', queueMode: '5v5', stateSince: Date.now() });
    await stack.redis.hincrby(keys.lobby(lobbyId), 'version', 1);
    const pushed = annEv.next('lobby.updated', (m) => m.lobby?.state === 'queued');
    await notifyLobbyChanged(stack.redis, lobbyId);
    expect((await pushed).lobby!.ticket).toBe('t_abc');
    await expect(bob.joinByToken(created.invite!.token)).rejects.toMatchObject({ code: 'LOBBY_NOT_IDLE', status: 409 });
    await expect(ann.leaveLobby(lobbyId)).rejects.toMatchObject({ code: 'LOBBY_NOT_IDLE' });
    await expect(host.kick(lobbyId, ids.ann!)).rejects.toMatchObject({ code: 'LOBBY_NOT_IDLE' });
    await expect(host.transferHost(lobbyId, ids.ann!)).rejects.toMatchObject({ code: 'LOBBY_NOT_IDLE' });
    await expect(host.setMode(lobbyId, '2v2')).rejects.toMatchObject({ code: 'LOBBY_NOT_IDLE' });
    await stack.redis.hset(keys.lobby(lobbyId), { state: 'idle', ticket: '', idleReason: 'cancelled' });
    await notifyLobbyChanged(stack.redis, lobbyId);
    for (const c of [ann, host]) await c.leaveLobby(lobbyId);
  });

  it('invites a friend directly: pushed, accepted (joins) or declined', async () => {
    // Friends first: host <-> bob.
    const req = bobEv.next('friend.request');
    await host.sendFriendRequest((await bob.me()).name);
    expect((await req).from.id).toBe(ids.host);
    await bob.acceptFriendRequest(ids.host!);

    const created = await host.createLobby('2v2');
    await expect(host.inviteFriend(created.lobby.id, ids.cat!)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const pushed = bobEv.next('invite.received');
    const invite = await host.inviteFriend(created.lobby.id, ids.bob!);
    expect((await pushed).invite).toEqual(invite);
    expect(await bob.invites()).toEqual([invite]);
    const joined = await bob.acceptInvite(invite.id);
    expect(joined.lobby.members.map((m) => m.id)).toEqual([ids.host, ids.bob]);
    await expect(bob.acceptInvite(invite.id)).rejects.toMatchObject({ code: 'ALREADY_IN_LOBBY' });
    await bob.leaveLobby(created.lobby.id);
    await expect(bob.acceptInvite(invite.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });

    const second = await host.inviteFriend(created.lobby.id, ids.bob!);
    const removed = bobEv.next('invite.removed');
    await bob.declineInvite(second.id);
    expect((await removed).inviteId).toBe(second.id);
    expect(await bob.invites()).toEqual([]);
    const third = await host.inviteFriend(created.lobby.id, ids.bob!);
    await host.leaveLobby(created.lobby.id); // closes the lobby
    await expect(bob.acceptInvite(third.id)).rejects.toMatchObject({ code: 'INVITE_REVOKED' });
  });

  it('resyncs: a reconnecting socket gets a snapshot with the current lobby', async () => {
    const created = await host.createLobby('1v1');
    const snap = await waitFor(async () => {
      const s = hostEv.next('snapshot');
      hostEv.resync();
      const got = await s;
      return got.lobby?.id === created.lobby.id ? got : undefined;
    });
    expect(snap.coralUrl).toBe('ws://coral.test:1/v1/play');
    await host.leaveLobby(created.lobby.id);
    expect(await stack.redis.hget(keys.player(ids.host!), 'lobby')).toBeNull();
  });
});
