/**
 * Party management and friends you can act on (#15), against real Redis and two real Realm
 * instances: players are spread over both, so every push crosses instances through the bus.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RealmClient, RealmEvents } from '@glaceon/client';
import { getLobby, hashInviteToken, notifyLobbyChanged, startQueue } from '@glaceon/store';
import { inviteKey, keys, TEST_QUEUES } from '@glaceon/store/testing';
import { defaultConfig } from '../config.js';
import { PASSWORD, raw, startStack, TEST_CONFIG, uniqueName, waitFor, type Stack } from '../test-support/harness.js';

const HEARTBEAT_MS = TEST_CONFIG.heartbeatMs!;

interface Player {
  id: string;
  name: string;
  client: RealmClient;
  events: RealmEvents;
}

const JOIN_TTL_MS = 1500;

describe('party management across two Realm instances', () => {
  let stack: Stack;
  let n = 0;

  beforeAll(async () => {
    const d = defaultConfig();
    const generous = { max: 1000, windowMs: 60_000 };
    stack = await startStack(2, {
      joinRequests: { ttlMs: JOIN_TTL_MS, maxPerLobby: 2 },
      accountLimits: { ...d.accountLimits, joinRequest: { max: 4, windowMs: 60_000 } },
      // Many players register from one address here; those limits have their own tests.
      rateLimits: { ...d.rateLimits, register: generous, signIn: generous },
    });
  });
  afterAll(async () => stack.close());

  /** A registered player with an open event socket, alternating between the two instances. */
  async function player(label: string): Promise<Player> {
    const instance = n++ % 2;
    const client = stack.client(instance);
    const session = await client.register(uniqueName(label), PASSWORD);
    const events = stack.events(client, instance);
    await events.connect();
    return { id: session.player.id, name: session.player.name, client, events };
  }
  /** What Coral's mirror does: the lobby goes into its game, then back to idle when the game ends. */
  async function setLobbyState(lobbyId: string, state: 'ingame' | 'idle'): Promise<void> {
    await stack.redis.hset(keys.lobby(lobbyId), { state, stateSince: Date.now(), ...(state === 'idle' ? { idleReason: 'game_over' } : {}) });
    await stack.redis.hincrby(keys.lobby(lobbyId), 'version', 1);
    await notifyLobbyChanged(stack.redis, lobbyId);
  }
  async function befriend(a: Player, b: Player): Promise<void> {
    await a.client.sendFriendRequest(b.name);
    await b.client.acceptFriendRequest(a.id);
  }

  it('transfer host, then the new host kicks: the kicked player is told, and the old link no longer admits them', async () => {
    const host = await player('host');
    const ann = await player('ann');
    const bob = await player('bob');
    const created = await host.client.createLobby('5v5');
    const lobbyId = created.lobby.id;
    const oldToken = created.invite!.token;
    await ann.client.joinByToken(oldToken);
    const threeOnline = host.events.next('lobby.updated', (m) => m.lobby?.members.length === 3);
    await bob.client.joinByToken(oldToken);
    // Everyone is connected: the lobby says so.
    expect([...((await threeOnline).online ?? [])].sort()).toEqual([host.id, ann.id, bob.id].sort());

    // Only the host transfers; the new host is pushed to everyone (ann is on the other instance).
    await expect(ann.client.transferHost(lobbyId, bob.id)).rejects.toMatchObject({ code: 'NOT_HOST' });
    const annSees = ann.events.next('lobby.updated', (m) => m.lobby?.host === ann.id);
    expect((await host.client.transferHost(lobbyId, ann.id)).host).toBe(ann.id);
    await annSees;
    await expect(host.client.kickMember(lobbyId, bob.id)).rejects.toMatchObject({ code: 'NOT_HOST' });

    const kicked = bob.events.next('lobby.updated', (m) => m.lobby === null);
    const result = await ann.client.kickMember(lobbyId, bob.id);
    expect(result.lobby.members.map((m) => m.id)).toEqual([host.id, ann.id]);
    expect((await kicked).reason).toBe('kicked');
    // The kick answered with a new token; the old one is revoked, in Redis too.
    expect(result.invite.token).not.toBe(oldToken);
    expect(await stack.redis.hget(inviteKey(hashInviteToken(oldToken)), 'revoked')).toBe('1');
    await expect(bob.client.joinByToken(oldToken)).rejects.toMatchObject({ code: 'INVITE_REVOKED' });
    await expect(bob.client.previewInvite(oldToken)).rejects.toMatchObject({ code: 'INVITE_REVOKED' });
    expect((await getLobby(stack.redis, lobbyId))!.members.map((m) => m.id)).toEqual([host.id, ann.id]);
    // The new link works (for anyone the host shares it with).
    expect((await bob.client.joinByToken(result.invite.token)).lobby.members).toHaveLength(3);
  });

  it('a member who disconnects shows as disconnected to the others, and connected again when back', async () => {
    const host = await player('phost');
    const mem = await player('pmem');
    const created = await host.client.createLobby('2v2');
    await mem.client.joinByToken(created.invite!.token);
    const gone = host.events.next('lobby.updated', (m) => m.lobby !== null && !(m.online ?? []).includes(mem.id), 10_000);
    mem.events.close();
    expect((await gone).online).toEqual([host.id]);
    const back = host.events.next('lobby.updated', (m) => (m.online ?? []).includes(mem.id), 10_000);
    const again = stack.events(mem.client, 1);
    const snapshot = await again.connect();
    expect([...(snapshot.lobbyOnline ?? [])].sort()).toEqual([host.id, mem.id].sort());
    await back;
    again.close();
  });

  it('ask to join a friend: the host accepts and the requester joins; a repeat is the same request', async () => {
    const host = await player('jhost');
    const friend = await player('jfriend');
    const asker = await player('jasker');
    await befriend(asker, friend);
    const created = await host.client.createLobby('5v5');
    await friend.client.joinByToken(created.invite!.token);
    const lobbyId = created.lobby.id;

    // The request goes to the host (not the friend), who hears it live.
    const received = host.events.next('join.request.received');
    const request = await asker.client.askToJoin(friend.id);
    expect(request).toMatchObject({ lobbyId, from: { id: asker.id, name: asker.name } });
    expect(request.expiresAt - request.at).toBe(JOIN_TTL_MS);
    expect((await received).request).toEqual(request);
    // One pending per (requester, lobby).
    expect(await asker.client.askToJoin(friend.id)).toEqual(request);
    expect(await host.client.joinRequests(lobbyId)).toEqual([request]);
    // Only the host sees and answers them.
    await expect(friend.client.joinRequests(lobbyId)).rejects.toMatchObject({ code: 'NOT_HOST' });
    await expect(friend.client.acceptJoinRequest(lobbyId, asker.id)).rejects.toMatchObject({ code: 'NOT_HOST' });

    const answered = asker.events.next('join.request.answered');
    const joinedPush = asker.events.next('lobby.updated', (m) => m.lobby?.id === lobbyId);
    const removed = host.events.next('join.request.removed');
    const joined = await host.client.acceptJoinRequest(lobbyId, asker.id);
    expect(joined.lobby.members.map((m) => m.id)).toEqual([host.id, friend.id, asker.id]);
    expect(await answered).toMatchObject({ lobbyId, accepted: true });
    await joinedPush;
    expect(await removed).toMatchObject({ lobbyId, playerId: asker.id });
    // Answered: gone.
    await expect(host.client.acceptJoinRequest(lobbyId, asker.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await host.client.joinRequests(lobbyId)).toEqual([]);
  });

  it('decline, expiry, the per-lobby cap, the per-account rate, strangers and blocks', async () => {
    const host = await player('khost');
    const askers = [await player('ka'), await player('kb'), await player('kc')];
    const stranger = await player('kx');
    for (const a of askers) await befriend(a, host);
    const { lobby } = await host.client.createLobby('5v5');

    // Decline: the requester is told, nothing joins.
    const declined = askers[0]!.events.next('join.request.answered');
    await askers[0]!.client.askToJoin(host.id);
    await host.client.declineJoinRequest(lobby.id, askers[0]!.id);
    expect(await declined).toMatchObject({ lobbyId: lobby.id, accepted: false });
    expect((await getLobby(stack.redis, lobby.id))!.members).toHaveLength(1);

    // Cap: two pending per lobby here; the third is refused with a typed error.
    await askers[0]!.client.askToJoin(host.id);
    await askers[1]!.client.askToJoin(host.id);
    await expect(askers[2]!.client.askToJoin(host.id)).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    // Expiry: after the TTL they are no longer pending, cannot be accepted, and make room again.
    await new Promise((r) => setTimeout(r, JOIN_TTL_MS + 100));
    expect(await host.client.joinRequests(lobby.id)).toEqual([]);
    await expect(host.client.acceptJoinRequest(lobby.id, askers[1]!.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await getLobby(stack.redis, lobby.id))!.members).toHaveLength(1);
    await askers[2]!.client.askToJoin(host.id);

    // Per-account rate: askers[0] has asked twice; two more pass, the fifth is refused.
    await new Promise((r) => setTimeout(r, JOIN_TTL_MS + 100));
    await askers[0]!.client.askToJoin(host.id);
    await new Promise((r) => setTimeout(r, JOIN_TTL_MS + 100));
    await askers[0]!.client.askToJoin(host.id);
    await expect(askers[0]!.client.askToJoin(host.id)).rejects.toMatchObject({ code: 'RATE_LIMITED' });

    // A stranger and a blocked friend get the very same answer: the block is not revealed.
    const strangerError = await stranger.client.askToJoin(host.id).catch((e: unknown) => e);
    await host.client.block(askers[1]!.id);
    const blockedError = await askers[1]!.client.askToJoin(host.id).catch((e: unknown) => e);
    expect(strangerError).toMatchObject({ code: 'FORBIDDEN' });
    expect(blockedError).toMatchObject({ code: 'FORBIDDEN', message: (strangerError as Error).message });
  });

  it('a request into a lobby whose host blocked you looks pending but never reaches the host', async () => {
    const host = await player('bhost');
    const friend = await player('bfriend');
    const asker = await player('basker');
    await befriend(asker, friend);
    const created = await host.client.createLobby('5v5');
    await friend.client.joinByToken(created.invite!.token);
    await host.client.block(asker.id);
    let delivered = false;
    const off = host.events.on('join.request.received', () => {
      delivered = true;
    });
    const request = await asker.client.askToJoin(friend.id);
    expect(request.lobbyId).toBe(created.lobby.id);
    await new Promise((r) => setTimeout(r, 300));
    off();
    expect(delivered).toBe(false);
    expect(await host.client.joinRequests(created.lobby.id)).toEqual([]);
  });

  it('signing out leaves the lobby (a queued party leaves the queue, naming who); the others are told', async () => {
    const host = await player('shost');
    const mem = await player('smem');
    const created = await host.client.createLobby('5v5');
    const lobbyId = created.lobby.id;
    await mem.client.joinByToken(created.invite!.token);
    await startQueue(stack.redis, { queues: TEST_QUEUES, lobbyId, requesterId: host.id });
    expect((await getLobby(stack.redis, lobbyId))!.state).toBe('queued');

    const told = host.events.next('lobby.updated', (m) => m.lobby?.members.length === 1, 10_000);
    await mem.client.signOut();
    const after = (await told).lobby!;
    expect(after).toMatchObject({ state: 'idle', idleReason: 'member_left', idleBy: [mem.id] });
    expect(after.members.map((m) => m.id)).toEqual([host.id]);

    // Sign out everywhere: the host leaves too, and the lobby closes.
    await host.client.signOutEverywhere();
    await waitFor(async () => (await getLobby(stack.redis, lobbyId)) === null, 5000, 'lobby closed');
  });

  it('signing out during a game leaves the lobby when the game ends; signing in again before that keeps the player in it', async () => {
    const host = await player('ghost');
    const gone = await player('ggone');
    const back = await player('gback');
    const created = await host.client.createLobby('5v5');
    const lobbyId = created.lobby.id;
    for (const m of [gone, back]) await m.client.joinByToken(created.invite!.token);
    const inGame = host.events.next('lobby.updated', (m) => m.lobby?.state === 'ingame');
    await setLobbyState(lobbyId, 'ingame');
    await inGame;

    // Both sign out during the game: nobody leaves a lobby in a game.
    await gone.client.signOut();
    await back.client.signOut();
    expect((await getLobby(stack.redis, lobbyId))!.members.map((m) => m.id)).toEqual([host.id, gone.id, back.id]);
    // One of them signs in again before the game ends.
    const again = stack.client(0);
    await again.signIn(back.name, PASSWORD);

    // The game ends: the one still signed out leaves, and the others are told.
    const told = host.events.next('lobby.updated', (m) => m.lobby?.state === 'idle' && m.lobby.members.length === 2, 10_000);
    await setLobbyState(lobbyId, 'idle');
    expect((await told).lobby!.members.map((m) => m.id)).toEqual([host.id, back.id]);
    expect(await stack.redis.exists(`lobby:{${lobbyId}}:leave-after-game`)).toBe(0);
    for (const c of [again, host.client]) await c.leaveLobby(lobbyId);
  });

  it('OpenAPI documents the join-request routes with their answers', async () => {
    const doc = (await raw(stack.urls[0]!, { method: 'GET', path: '/openapi.json' })).body as {
      paths: Record<string, Record<string, { responses: Record<string, unknown>; security?: unknown }>>;
    };
    expect(Object.keys(doc.paths['/v1/friends/{playerId}/join-requests']!.post!.responses)).toEqual(expect.arrayContaining(['201', '4XX', '5XX']));
    expect(doc.paths['/v1/lobbies/{lobbyId}/join-requests']!.get!.responses['200']).toBeDefined();
    expect(doc.paths['/v1/lobbies/{lobbyId}/join-requests/{playerId}/accept']!.post!.responses['200']).toBeDefined();
    expect(doc.paths['/v1/lobbies/{lobbyId}/join-requests/{playerId}/decline']!.post!.responses['204']).toBeDefined();
    expect(doc.paths['/v1/lobbies/{lobbyId}/join-requests/{playerId}/accept']!.post!.security).toEqual([{ bearer: [] }]);
  });

  it('a party whose every member signed out during the game is emptied when it ends, with nobody online to see it', async () => {
    const host = await player('ahost');
    const mem = await player('amem');
    const created = await host.client.createLobby('5v5');
    const lobbyId = created.lobby.id;
    await mem.client.joinByToken(created.invite!.token);
    const inGame = host.events.next('lobby.updated', (m) => m.lobby?.state === 'ingame');
    await setLobbyState(lobbyId, 'ingame');
    await inGame;
    await host.client.signOut();
    await mem.client.signOut();
    // Several sweeps see the lobby still in its game: it stays whole and stays in the index.
    await new Promise((resolve) => setTimeout(resolve, 3 * HEARTBEAT_MS));
    expect((await getLobby(stack.redis, lobbyId))!.members.map((m) => m.id)).toEqual([host.id, mem.id]);
    expect(await stack.redis.zscore('{lobbies}:leave-after-game-due', lobbyId)).not.toBeNull();

    // The game ends; no Realm holds a member, so only the sweep can carry the leaves out.
    await setLobbyState(lobbyId, 'idle');
    await waitFor(async () => (await getLobby(stack.redis, lobbyId)) === null, 5000, 'lobby closed by the sweep');
    expect(await stack.redis.exists(`lobby:{${lobbyId}}:leave-after-game`)).toBe(0);
    await waitFor(async () => (await stack.redis.zscore('{lobbies}:leave-after-game-due', lobbyId)) === null, 5000, 'index entry gone');
  });

  it('signing out of one device while signed in on another keeps the lobby', async () => {
    const host = await player('dhost');
    const other = stack.client(1);
    await other.signIn(host.name, PASSWORD);
    const { lobby } = await host.client.createLobby('5v5');
    await host.client.signOut();
    expect((await getLobby(stack.redis, lobby.id))!.members.map((m) => m.id)).toEqual([host.id]);
    await other.signOut();
    await waitFor(async () => (await getLobby(stack.redis, lobby.id)) === null, 5000, 'lobby closed');
  });
});
