import { describe, expect, it } from 'vitest';
import { newId } from '@glaceon/protocol';
import type { RedisClient } from '../redis.js';
import { channels, keys } from '../keys.js';
import {
  createLobby,
  getLobby,
  getPlayerLobby,
  getPlayerLobbyId,
  joinLobby,
  kickMember,
  leaveLobby,
  notifyLobbyChanged,
  setLobbyMode,
  transferHost,
} from './index.js';
import { lobbyKeys } from './keys.js';
import { useRealRedis } from '../test-support/real-redis.js';
import { createPlayerBusSubscriber } from '../presence/bus.js';
import { TEST_QUEUES } from '../test-support/queues.js';

describe('lobby store', () => {
  let redis: RedisClient;
  useRealRedis((ready) => (redis = ready.redis));

  const player = () => ({ id: newId('p_'), name: `n${Math.floor(Math.random() * 1e6)}` });

  it('creates an idle lobby with the host as only member, and reads it back validated', async () => {
    const host = player();
    const lobby = await createLobby(redis, { hostId: host.id, hostName: host.name, mode: '2v2' });
    expect(lobby).toMatchObject({ host: host.id, mode: '2v2', state: 'idle', members: [host], ticket: '', version: 1, lastResult: null });
    expect(await getLobby(redis, lobby.id)).toEqual(lobby);
    expect(await getPlayerLobbyId(redis, host.id)).toBe(lobby.id);
    await expect(createLobby(redis, { hostId: host.id, hostName: host.name, mode: '1v1' })).rejects.toMatchObject({ code: 'ALREADY_IN_LOBBY' });
  });

  it('joins up to the mode size, transfers host, kicks, leaves and closes', async () => {
    const [h, a, b] = [player(), player(), player()];
    const l = await createLobby(redis, { hostId: h.id, hostName: h.name, mode: '2v2' });
    const joined = await joinLobby(redis, { queues: TEST_QUEUES, lobbyId: l.id, playerId: a.id, name: a.name });
    expect(joined.members.map((m) => m.id)).toEqual([h.id, a.id]);
    expect(joined.version).toBe(2);
    await expect(joinLobby(redis, { queues: TEST_QUEUES, lobbyId: l.id, playerId: b.id, name: b.name })).rejects.toMatchObject({ code: 'LOBBY_FULL' });
    expect(await getPlayerLobbyId(redis, b.id)).toBeNull();
    await expect(setLobbyMode(redis, { queues: TEST_QUEUES, lobbyId: l.id, hostId: h.id, mode: '1v1' })).rejects.toMatchObject({ code: 'PARTY_TOO_LARGE' });
    await expect(transferHost(redis, { lobbyId: l.id, hostId: a.id, playerId: a.id })).rejects.toMatchObject({ code: 'NOT_HOST' });
    expect((await transferHost(redis, { lobbyId: l.id, hostId: h.id, playerId: a.id })).host).toBe(a.id);
    const kicked = await kickMember(redis, { lobbyId: l.id, hostId: a.id, playerId: h.id });
    expect(kicked.lobby?.members.map((m) => m.id)).toEqual([a.id]);
    expect(await getPlayerLobbyId(redis, h.id)).toBeNull();
    const left = await leaveLobby(redis, { lobbyId: l.id, playerId: a.id });
    expect(left.closed).toBe(true);
    expect(await getLobby(redis, l.id)).toBeNull();
    expect(await redis.exists(lobbyKeys.dead(l.id))).toBe(1);
    await expect(joinLobby(redis, { queues: TEST_QUEUES, lobbyId: l.id, playerId: b.id, name: b.name })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('locks membership, host and mode unless the lobby is idle (Coral owns state)', async () => {
    const [h, a] = [player(), player()];
    const l = await createLobby(redis, { hostId: h.id, hostName: h.name, mode: '5v5' });
    await redis.hset(keys.lobby(l.id), 'state', 'queued', 'ticket', 't_x');
    const before = await redis.hgetall(keys.lobby(l.id));
    await expect(joinLobby(redis, { queues: TEST_QUEUES, lobbyId: l.id, playerId: a.id, name: a.name })).rejects.toMatchObject({ code: 'LOBBY_NOT_IDLE' });
    await expect(leaveLobby(redis, { lobbyId: l.id, playerId: h.id })).rejects.toMatchObject({ code: 'LOBBY_NOT_IDLE' });
    await expect(setLobbyMode(redis, { queues: TEST_QUEUES, lobbyId: l.id, hostId: h.id, mode: '2v2' })).rejects.toMatchObject({ code: 'LOBBY_NOT_IDLE' });
    expect(await redis.hgetall(keys.lobby(l.id))).toEqual(before);
    expect(await getPlayerLobbyId(redis, a.id)).toBeNull();
  });

  it('never puts a player in two lobbies under concurrent joins and creates', async () => {
    const hosts = Array.from({ length: 6 }, player);
    const lobbies = await Promise.all(hosts.map((h) => createLobby(redis, { hostId: h.id, hostName: h.name, mode: '5v5' })));
    const players = Array.from({ length: 20 }, player);
    // Every player tries every lobby at once, plus creating their own.
    const attempts = players.flatMap((p) => [
      ...lobbies.map((l) =>
        joinLobby(redis, { queues: TEST_QUEUES, lobbyId: l.id, playerId: p.id, name: p.name }).then(
          () => 'ok',
          (e: { code?: string }) => e.code,
        ),
      ),
      createLobby(redis, { hostId: p.id, hostName: p.name, mode: '5v5' }).then(
        () => 'ok',
        (e: { code?: string }) => e.code,
      ),
    ]);
    const outcomes = await Promise.all(attempts);
    expect(outcomes.every((o) => o === 'ok' || o === 'ALREADY_IN_LOBBY' || o === 'LOBBY_FULL')).toBe(true);
    const seen = new Map<string, string>();
    for (const l of [...lobbies.map((x) => x.id)]) {
      const lobby = await getLobby(redis, l);
      expect(lobby!.members.length).toBeLessThanOrEqual(5);
      for (const m of lobby!.members) {
        expect(seen.has(m.id)).toBe(false);
        seen.set(m.id, l);
      }
    }
    let placed = 0;
    for (const p of players) {
      const pointer = await getPlayerLobbyId(redis, p.id);
      // A player whose every attempt lost a race may be in no lobby; never in two.
      if (pointer === null) {
        expect(seen.has(p.id)).toBe(false);
        continue;
      }
      placed++;
      const lobby = await getLobby(redis, pointer!);
      expect(lobby!.members.filter((m) => m.id === p.id)).toHaveLength(1);
      if (seen.has(p.id)) expect(seen.get(p.id)).toBe(pointer);
    }
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(placed);
    expect(placed).toBeGreaterThan(0);
  });

  it('repairs a pointer left by a crash between the two slots, and fences the late step', async () => {
    const p = player();
    const ghost = newId('l_');
    // Simulate a crash after claim-player: pointer set, lobby never created, claim is old.
    await redis.hset(keys.player(p.id), { lobby: ghost, lobbyClaim: 'n1', lobbyClaimAt: Date.now() - 60_000 });
    expect(await getPlayerLobby(redis, p.id)).toBeNull();
    expect(await getPlayerLobbyId(redis, p.id)).toBeNull();
    expect(await redis.sismember(lobbyKeys.fences(ghost), 'n1')).toBe(1);
    // A fresh claim is left alone (a join may be in flight).
    await redis.hset(keys.player(p.id), { lobby: ghost, lobbyClaim: 'n2', lobbyClaimAt: Date.now() });
    expect(await getPlayerLobby(redis, p.id)).toBeNull();
    expect(await getPlayerLobbyId(redis, p.id)).toBe(ghost);
    await expect(createLobby(redis, { hostId: p.id, hostName: p.name, mode: '1v1' })).rejects.toMatchObject({ code: 'ALREADY_IN_LOBBY' });
    // Once stale, the next create repairs it and succeeds.
    await redis.hset(keys.player(p.id), 'lobbyClaimAt', Date.now() - 60_000);
    const l = await createLobby(redis, { hostId: p.id, hostName: p.name, mode: '1v1' });
    expect(await getPlayerLobbyId(redis, p.id)).toBe(l.id);
  });

  it('notifyLobbyChanged publishes to every member and to former members', async () => {
    const [h, a, gone] = [player(), player(), player()];
    const l = await createLobby(redis, { hostId: h.id, hostName: h.name, mode: '2v2' });
    await joinLobby(redis, { queues: TEST_QUEUES, lobbyId: l.id, playerId: a.id, name: a.name });
    const sub = createPlayerBusSubscriber(redis);
    const got: [string, string][] = [];
    sub.on('smessage', (c: string, m: string) => got.push([c, m]));
    for (const p of [h, a, gone]) await sub.ssubscribe(channels.realmPlayer(p.id));
    await notifyLobbyChanged(redis, l.id, { playerIds: [gone.id], reason: 'kicked' });
    const deadline = Date.now() + 2000;
    while (got.length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    sub.disconnect();
    expect(got.map(([c]) => c).sort()).toEqual([channels.realmPlayer(h.id), channels.realmPlayer(a.id), channels.realmPlayer(gone.id)].sort());
    expect(JSON.parse(got.find(([c]) => c === channels.realmPlayer(gone.id))![1])).toEqual({ kind: 'lobby', lobbyId: l.id, reason: 'kicked' });
  });

  it('every membership change tells the members, and the former member why they are out', async () => {
    const [h, a, b] = [player(), player(), player()];
    const sub = createPlayerBusSubscriber(redis);
    const got: { channel: string; message: unknown }[] = [];
    sub.on('smessage', (channel: string, text: string) => got.push({ channel, message: JSON.parse(text) }));
    for (const p of [h, a, b]) await sub.ssubscribe(channels.realmPlayer(p.id));
    // Each function resolves only after publishing, so the messages are on their way when it returns.
    // Lobby notifications, and (issue #15) the chat's system lines the same change writes: `lines` lists
    // [who hears it, what happened, to whom] for each line pushed, and nothing else may arrive.
    const heard = async (expected: { channel: string; message: unknown }[], lines: [{ id: string }[], string, { id: string }][] = []) => {
      const chatPushes = lines.flatMap(([hearers, event, subject]) =>
        hearers.map((p) => ({ channel: channels.realmPlayer(p.id), event, subject: subject.id })),
      );
      await expect.poll(() => got.length).toBeGreaterThanOrEqual(expected.length + chatPushes.length);
      const all = got.splice(0);
      const isChat = (m: { message: unknown }) => (m.message as { kind?: string }).kind === 'event';
      const byChannel = <T extends { channel: string }>(x: T, y: T) => x.channel.localeCompare(y.channel);
      expect(all.filter((m) => !isChat(m)).sort(byChannel)).toEqual(expected.sort(byChannel));
      const chat = all.filter(isChat).map((m) => {
        const { type, line } = (m.message as { event: { type: string; line: { event: string; from: { id: string } } } }).event;
        expect(type).toBe('chat.line');
        return { channel: m.channel, event: line.event, subject: line.from.id };
      });
      expect(chat.sort(byChannel)).toEqual(chatPushes.sort(byChannel));
    };
    const to = (p: { id: string }, lobbyId: string, reason = 'changed') => ({
      channel: channels.realmPlayer(p.id),
      message: { kind: 'lobby', lobbyId, reason },
    });

    const l = await createLobby(redis, { hostId: h.id, hostName: h.name, mode: '2v2' });
    await heard([to(h, l.id)]);
    await joinLobby(redis, { queues: TEST_QUEUES, lobbyId: l.id, playerId: a.id, name: a.name });
    await heard([to(h, l.id), to(a, l.id)], [[[h, a], 'joined', a]]);
    await setLobbyMode(redis, { queues: TEST_QUEUES, lobbyId: l.id, hostId: h.id, mode: '5v5' });
    await heard([to(h, l.id), to(a, l.id)]);
    await transferHost(redis, { lobbyId: l.id, hostId: h.id, playerId: a.id });
    await heard([to(h, l.id), to(a, l.id)], [[[h, a], 'host', a]]);
    await joinLobby(redis, { queues: TEST_QUEUES, lobbyId: l.id, playerId: b.id, name: b.name });
    await heard([to(h, l.id), to(a, l.id), to(b, l.id)], [[[h, a, b], 'joined', b]]);
    await kickMember(redis, { lobbyId: l.id, hostId: a.id, playerId: b.id });
    await heard([to(h, l.id), to(a, l.id), to(b, l.id, 'kicked')], [[[h, a], 'kicked', b]]);
    await leaveLobby(redis, { lobbyId: l.id, playerId: h.id });
    await heard([to(a, l.id), to(h, l.id, 'left')], [[[a], 'left', h]]);
    await leaveLobby(redis, { lobbyId: l.id, playerId: a.id });
    await heard([to(a, l.id, 'closed')]);
    // A refused change tells nobody.
    await expect(joinLobby(redis, { queues: TEST_QUEUES, lobbyId: l.id, playerId: b.id, name: b.name })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await new Promise((r) => setTimeout(r, 50));
    sub.disconnect();
    expect(got).toEqual([]);
  });
});
