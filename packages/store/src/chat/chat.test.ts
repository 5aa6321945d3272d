import { describe, expect, it } from 'vitest';
import { newId } from '@glaceon/protocol';
import type { RedisClient } from '../redis.js';
import { useRealRedis } from '../test-support/real-redis.js';
import { createLobby, joinLobby, leaveLobby } from '../lobbies/index.js';
import { acceptFriendRequest, blockPlayer, sendFriendRequest } from '../friends/index.js';
import { createAccount } from '../accounts/index.js';
import { takeToken } from '../ratelimit/index.js';
import { appendLobbyMessage, appendLobbySystemLine, getLobbyChat } from './lobby.js';
import { getConversation, listConversations, markConversationRead, sendDirectMessage } from './direct.js';
import { chatKeys } from './keys.js';
import { createPlayerBusSubscriber, playerIdOfBusChannel, subscribePlayerBus } from '../presence/bus.js';
import { TEST_QUEUES } from '../test-support/queues.js';

describe('chat store', () => {
  let redis: RedisClient;
  useRealRedis((ready) => (redis = ready.redis));
  const player = () => ({ id: newId('p_'), name: `n${Math.floor(Math.random() * 1e6)}` });

  it('keeps a capped chat per lobby, members only, in the lobby slot, gone with the lobby', async () => {
    const [h, a, x] = [player(), player(), player()];
    const lobby = await createLobby(redis, { hostId: h.id, hostName: h.name, mode: '2v2' });
    expect(chatKeys.lobbyChat(lobby.id)).toContain(`{${lobby.id}}`);
    await joinLobby(redis, { queues: TEST_QUEUES, lobbyId: lobby.id, playerId: a.id, name: a.name });
    await expect(appendLobbyMessage(redis, { lobbyId: lobby.id, from: x, text: 'let me in' })).rejects.toMatchObject({ code: 'NOT_IN_LOBBY' });
    await expect(appendLobbyMessage(redis, { lobbyId: newId('l_'), from: h, text: 'anyone' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    for (let i = 0; i < 120; i++) await appendLobbyMessage(redis, { lobbyId: lobby.id, from: h, text: `line ${i}` });
    const lines = await getLobbyChat(redis, lobby.id);
    expect(lines).toHaveLength(100);
    expect(lines.at(-1)).toMatchObject({ kind: 'message', from: h, text: 'line 119' });
    // A system line by id resolves the name from the members (Coral passes the player when it knows the name).
    expect(await appendLobbySystemLine(redis, { event: 'queue.started', player: h.id })).toMatchObject({ from: h, event: 'queue.started' });
    await leaveLobby(redis, { lobbyId: lobby.id, playerId: a.id });
    await leaveLobby(redis, { lobbyId: lobby.id, playerId: h.id });
    expect(await redis.exists(chatKeys.lobbyChat(lobby.id))).toBe(0);
    // No line for a lobby that is gone, and no key is created for it.
    expect(await appendLobbySystemLine(redis, { lobbyId: lobby.id, event: 'left', player: h })).toBeNull();
    expect(await redis.exists(chatKeys.lobbyChat(lobby.id))).toBe(0);
  });

  it('pushes every line to each member as the line was written (the members come back from the append script)', async () => {
    const [h, a] = [player(), player()];
    const lobby = await createLobby(redis, { hostId: h.id, hostName: h.name, mode: '2v2' });
    await joinLobby(redis, { queues: TEST_QUEUES, lobbyId: lobby.id, playerId: a.id, name: a.name });
    const subscriber = createPlayerBusSubscriber(redis);
    const heard: Array<{ to: string; message: unknown }> = [];
    subscriber.on('smessage', (channel: string, raw: string) => heard.push({ to: playerIdOfBusChannel(channel) ?? channel, message: JSON.parse(raw) }));
    try {
      for (const p of [h, a]) await subscribePlayerBus(subscriber, p.id);
      const line = await appendLobbySystemLine(redis, { lobbyId: lobby.id, event: 'queue.started', player: h });
      const message = { kind: 'event', event: { type: 'chat.line', lobbyId: lobby.id, line } };
      const deadline = Date.now() + 5000;
      while (heard.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      expect(heard.sort((x, y) => (x.to < y.to ? -1 : 1))).toEqual([h.id, a.id].sort().map((to) => ({ to, message })));
    } finally {
      subscriber.disconnect();
    }
  });

  it("a member who blocked a message's author neither receives it nor reads it back; everyone else does, and system lines reach all", async () => {
    const [h, a, b] = [player(), player(), player()];
    const lobby = await createLobby(redis, { hostId: h.id, hostName: h.name, mode: '5v5' });
    for (const p of [a, b]) await joinLobby(redis, { queues: TEST_QUEUES, lobbyId: lobby.id, playerId: p.id, name: p.name });
    await blockPlayer(redis, a.id, h.id); // after both joined: they share the lobby
    const subscriber = createPlayerBusSubscriber(redis);
    const heard: Array<{ to: string; text: string }> = [];
    subscriber.on('smessage', (channel: string, raw: string) => {
      const line = (JSON.parse(raw) as { event: { line: { text?: string; event?: string } } }).event.line;
      heard.push({ to: playerIdOfBusChannel(channel) ?? channel, text: line.text ?? `[${line.event}]` });
    });
    try {
      for (const p of [h, a, b]) await subscribePlayerBus(subscriber, p.id);
      await appendLobbyMessage(redis, { lobbyId: lobby.id, from: h, text: 'from the blocked host' });
      await appendLobbySystemLine(redis, { lobbyId: lobby.id, event: 'queue.started', player: h });
      await appendLobbyMessage(redis, { lobbyId: lobby.id, from: b, text: 'from b' });
      const deadline = Date.now() + 5000;
      while (heard.length < 8 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      const to = (id: string) => heard.filter((m) => m.to === id).map((m) => m.text);
      expect(to(a.id)).toEqual(['[queue.started]', 'from b']);
      expect(to(b.id)).toEqual(['from the blocked host', '[queue.started]', 'from b']);
      expect(to(h.id)).toEqual(['from the blocked host', '[queue.started]', 'from b']);
    } finally {
      subscriber.disconnect();
    }
    const texts = async (reader?: string) => (await getLobbyChat(redis, lobby.id, reader)).map((l) => (l.kind === 'message' ? l.text : `[${l.event}]`));
    // Stored once for everyone; read back as each member sees it.
    expect(await texts()).toEqual(['[joined]', '[joined]', 'from the blocked host', '[queue.started]', 'from b']);
    expect(await texts(a.id)).toEqual(['[joined]', '[joined]', '[queue.started]', 'from b']);
    expect(await texts(b.id)).toEqual(await texts());
  });

  it('sends direct messages between friends only, counts unread, and stops at a block', async () => {
    const ana = await createAccount(redis, { name: `ana${Date.now() % 1e6}`, passwordHash: 'x' });
    const ben = await createAccount(redis, { name: `ben${Date.now() % 1e6}`, passwordHash: 'x' });
    const A = { id: ana.id, name: ana.name };
    await expect(sendDirectMessage(redis, { from: A, toId: ben.id, text: 'hi' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await sendFriendRequest(redis, ana.id, ben.id);
    await acceptFriendRequest(redis, ben.id, ana.id);
    await sendDirectMessage(redis, { from: A, toId: ben.id, text: 'one' });
    await sendDirectMessage(redis, { from: A, toId: ben.id, text: 'two' });
    expect(chatKeys.conversation(ana.id, ben.id)).toBe(chatKeys.conversation(ben.id, ana.id));
    expect(await listConversations(redis, ben.id)).toMatchObject([{ player: { id: ana.id }, unread: 2, last: { text: 'two' } }]);
    expect((await getConversation(redis, ben.id, ana.id)).messages.map((m) => m.text)).toEqual(['one', 'two']);
    await markConversationRead(redis, ben.id, ana.id);
    expect((await listConversations(redis, ben.id))[0]!.unread).toBe(0);
    await blockPlayer(redis, ben.id, ana.id);
    await expect(sendDirectMessage(redis, { from: A, toId: ben.id, text: 'three' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await getConversation(redis, ben.id, ana.id)).messages).toHaveLength(2);
  });

  it('takes tokens from a bucket shared by every caller: the burst, then one per 1/rate', async () => {
    const subject = newId('p_');
    const taken = [];
    for (let i = 0; i < 7; i++) taken.push(await takeToken(redis, 'chat-test', subject, 1, 5));
    expect(taken.filter((t) => t.ok)).toHaveLength(5);
    const refused = taken[5]!;
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.retryInMs).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, refused.ok ? 0 : refused.retryInMs + 20));
    expect((await takeToken(redis, 'chat-test', subject, 1, 5)).ok).toBe(true);
  });
});
