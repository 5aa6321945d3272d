/**
 * The event hub's bus subscriber loses its connection (CLIENT KILL TYPE pubsub, as
 * in a Redis restart or failover): ioredis re-subscribes, and the hub resends each
 * held socket its snapshot, since pushes published meanwhile are lost.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RealmClient } from '@glaceon/client';
import { PASSWORD, startStack, uniqueName, type Stack } from '../test-support/harness.js';

describe('event hub after its bus subscriber is cut off', () => {
  let stack: Stack;
  let ada: RealmClient, bo: RealmClient;
  beforeAll(async () => {
    stack = await startStack(1);
    [ada, bo] = [stack.client(), stack.client()];
    await ada.register(uniqueName('ada'), PASSWORD);
    await bo.register(uniqueName('bo'), PASSWORD);
  });
  afterAll(async () => stack.close());

  it('resends the snapshot, and pushes flow again', async () => {
    const boEv = stack.events(bo);
    await boEv.connect();
    const resent = boEv.next('snapshot', () => true, 10_000);
    const killed = (await stack.redis.call('CLIENT', 'KILL', 'TYPE', 'pubsub')) as number;
    expect(killed).toBeGreaterThanOrEqual(1);
    expect((await resent).me.id).toBe((await bo.me()).id);
    const pushed = boEv.next('friend.request', () => true, 10_000);
    await ada.sendFriendRequest((await bo.me()).name);
    expect((await pushed).from.id).toBe((await ada.me()).id);
  });
});
