import { describe, expect, it } from 'vitest';
import { keys } from '../keys.js';
import type { RedisClient } from '../redis.js';
import { getPlayerMatchView, startQueueForPlayer } from './index.js';
import { makeLobby } from '../test-support/lobbies.js';
import { commandsDuring } from '../test-support/commands.js';
import { useRealRedis } from '../test-support/real-redis.js';
import { createLobby, leaveLobby } from '../lobbies/index.js';
import { getLobbyChat } from '../chat/lobby.js';
import { chatKeys } from '../chat/keys.js';
import { runJson } from './scripts.js';
import { createPlayerBusSubscriber, playerIdOfBusChannel, subscribePlayerBus } from '../presence/bus.js';
import { TEST_QUEUES } from '../test-support/queues.js';

describe('startQueueForPlayer (the lobby the player is in, with a hint)', () => {
  let redis: RedisClient;
  useRealRedis((ready) => {
    redis = ready.redis;
  });

  it('a right hint: the lobby is read once and its members vouch for the pointer, which is not read', async () => {
    const l = await makeLobby(redis, '2v2', 2);
    const used = await commandsDuring(redis, () => startQueueForPlayer(redis, { queues: TEST_QUEUES, playerId: l.host, lobbyHint: l.lobbyId }));
    // One hmget (the lobby); the ratings are the other reads (one hmget of mu, sigma per member).
    expect(used.hget).toBeUndefined();
    expect(used.hmget).toBe(1 + 2);
    expect(await getPlayerMatchView(redis, l.players[1] as string)).toMatchObject({ state: 'queued', lobbyId: l.lobbyId });
  });

  it('a wrong hint queues the lobby the player is really in and leaves the hinted one alone', async () => {
    const mine = await makeLobby(redis, '2v2', 1);
    const other = await makeLobby(redis, '2v2', 1);
    const before = await redis.hgetall(keys.lobby(other.lobbyId));
    const used = await commandsDuring(redis, () => startQueueForPlayer(redis, { queues: TEST_QUEUES, playerId: mine.host, lobbyHint: other.lobbyId }));
    // The hinted lobby (it does not list the player), the pointer, then the right lobby; plus the member's rating.
    expect(used.hget).toBe(1);
    expect(used.hmget).toBe(2 + 1);
    expect(await getPlayerMatchView(redis, mine.host)).toMatchObject({ state: 'queued', lobbyId: mine.lobbyId });
    expect(await redis.hgetall(keys.lobby(other.lobbyId))).toEqual(before);
    expect(await getPlayerMatchView(redis, other.host)).toMatchObject({ state: 'idle' });
  });

  it('a hint naming a lobby the player has left queues the lobby they are in now', async () => {
    const old = await makeLobby(redis, '2v2', 2);
    const leaver = old.players[1] as string;
    await leaveLobby(redis, { lobbyId: old.lobbyId, playerId: leaver });
    const mine = await createLobby(redis, { hostId: leaver, hostName: 'leaver', mode: '2v2' });
    const result = await startQueueForPlayer(redis, { queues: TEST_QUEUES, playerId: leaver, lobbyHint: old.lobbyId });
    expect(result.lobbyId).toBe(mine.id);
    expect(await getPlayerMatchView(redis, old.host)).toMatchObject({ state: 'idle', lobbyId: old.lobbyId });
  });

  it('writes the queue.started line with the lock and pushes it in the lobby notice, one message per member', async () => {
    const l = await makeLobby(redis, '2v2', 2);
    const subscriber = createPlayerBusSubscriber(redis);
    const heard: Array<{ to: string; message: unknown }> = [];
    subscriber.on('smessage', (channel: string, raw: string) => heard.push({ to: playerIdOfBusChannel(channel) ?? channel, message: JSON.parse(raw) }));
    try {
      for (const p of l.players) await subscribePlayerBus(subscriber, p);
      const used = await commandsDuring(redis, () => startQueueForPlayer(redis, { queues: TEST_QUEUES, playerId: l.host, lobbyHint: l.lobbyId }));
      const lines = (await getLobbyChat(redis, l.lobbyId)).filter((line) => line.kind === 'system' && line.event === 'queue.started');
      expect(lines).toMatchObject([{ kind: 'system', event: 'queue.started', from: { id: l.host, name: 'host' } }]);
      // One publish per member (the notice carries the line), and no script of its own for the line.
      expect(used.spublish).toBe(2);
      expect(used.script).toBe(3); // intent, lock (with the line), activate
      const deadline = Date.now() + 5000;
      while (heard.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      const message = { kind: 'lobby', lobbyId: l.lobbyId, reason: 'changed', line: lines[0] };
      expect(heard.sort((x, y) => (x.to < y.to ? -1 : 1))).toEqual([...l.players].sort().map((to) => ({ to, message })));
    } finally {
      subscriber.disconnect();
    }
  });

  it('a lock the script refuses writes no line (the line is written with the lock only)', async () => {
    const l = await makeLobby(redis, '2v2', 2);
    const before = await getLobbyChat(redis, l.lobbyId);
    const line = JSON.stringify({ kind: 'system', at: 1, from: { id: l.players[1], name: 'member1' }, event: 'queue.started' });
    // Straight to the script (the fail-fast read would refuse first): a member who is not the host.
    const refused = await runJson(
      redis,
      'lobby-enqueue',
      [keys.lobby(l.lobbyId), chatKeys.lobbyChat(l.lobbyId)],
      [l.players[1] as string, '2v2', 't_refused', 1, 2, '2v2', line, 100],
    );
    expect(refused.r).toBe(-3);
    expect(await getLobbyChat(redis, l.lobbyId)).toEqual(before);
  });

  it('a player in no lobby gets NOT_IN_LOBBY, whatever the hint, and nothing is written', async () => {
    const other = await makeLobby(redis, '2v2', 1);
    const before = await redis.dbsize();
    await expect(startQueueForPlayer(redis, { queues: TEST_QUEUES, playerId: 'p_nobody0000000000000000', lobbyHint: other.lobbyId })).rejects.toMatchObject({
      code: 'NOT_IN_LOBBY',
    });
    expect(await redis.dbsize()).toBe(before);
  });
});
