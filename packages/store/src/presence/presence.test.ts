import { describe, expect, it } from 'vitest';
import type { RedisClient } from '../redis.js';
import {
  dropConnection,
  expiredPresence,
  getAnnouncedPresence,
  isOnline,
  playerIdOfBusChannel,
  publishToPlayer,
  setAnnouncedPresence,
  settlePresenceDeadline,
  subscribePlayerBus,
  touchConnections,
  unsubscribePlayerBus,
  createPlayerBusSubscriber,
} from './index.js';
import { useRealRedis } from '../test-support/real-redis.js';

describe('presence store', () => {
  let redis: RedisClient;
  useRealRedis((ready) => (redis = ready.redis));

  it('is online while any connection is within its deadline', async () => {
    await touchConnections(
      redis,
      [
        ['p_x', 'c1'],
        ['p_x', 'c2'],
      ],
      60_000,
    );
    expect(await isOnline(redis, 'p_x')).toBe(true);
    await dropConnection(redis, 'p_x', 'c1');
    expect(await isOnline(redis, 'p_x')).toBe(true);
    await dropConnection(redis, 'p_x', 'c2');
    expect(await isOnline(redis, 'p_x')).toBe(false);
  });

  it('expires connections whose instance stopped refreshing them, and lists them for the sweep', async () => {
    await touchConnections(redis, [['p_dead', 'c1']], 30);
    await expect.poll(() => isOnline(redis, 'p_dead')).toBe(false);
    await expect.poll(() => expiredPresence(redis)).toContain('p_dead');
    expect(await settlePresenceDeadline(redis, 'p_dead')).toBe(true);
    expect(await expiredPresence(redis)).not.toContain('p_dead');
  });

  it('announces a status only when it changes', async () => {
    expect(await setAnnouncedPresence(redis, 'p_y', 'online')).toBe(true);
    expect(await setAnnouncedPresence(redis, 'p_y', 'online')).toBe(false);
    expect(await setAnnouncedPresence(redis, 'p_y', 'in_game')).toBe(true);
    expect(await getAnnouncedPresence(redis, ['p_y', 'p_never'])).toEqual(
      new Map([
        ['p_y', 'in_game'],
        ['p_never', 'offline'],
      ]),
    );
  });

  it('delivers a player bus message to a subscriber, naming the player by its channel', async () => {
    const sub = createPlayerBusSubscriber(redis);
    const got: [string | null, string][] = [];
    sub.on('smessage', (channel: string, text: string) => got.push([playerIdOfBusChannel(channel), text]));
    await subscribePlayerBus(sub, 'p_bus');
    await publishToPlayer(redis, 'p_bus', { kind: 'friends' });
    await expect.poll(() => got).toEqual([['p_bus', JSON.stringify({ kind: 'friends' })]]);
    await unsubscribePlayerBus(sub, 'p_bus');
    await publishToPlayer(redis, 'p_bus', { kind: 'friends' });
    await new Promise((r) => setTimeout(r, 50));
    sub.disconnect();
    expect(got).toHaveLength(1);
    expect(playerIdOfBusChannel('coral:player:p_bus')).toBeNull();
  });
});
