import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '@glaceon/store';
import { keys } from '@glaceon/store/testing';
import { legacyScryptHash } from '../../accounts/password.js';
import { defaultConfig } from '../../config.js';
import { PASSWORD, startStack, uniqueName, type Stack } from '../../test-support/harness.js';

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('sign-in hashing (real Realm, real Redis)', () => {
  let stack: Stack;
  beforeAll(async () => {
    // One hash at a time, so sign-ins queue; rate limits out of the way (they have their own tests).
    const limits = defaultConfig().rateLimits;
    const generous = { max: 1000, windowMs: 60_000 };
    stack = await startStack(1, {
      passwordHashing: { maxConcurrent: 1, maxWaiting: 64 },
      rateLimits: { ...limits, signIn: generous, signInPerAccount: generous },
    });
  });
  afterAll(async () => stack.close());

  it('a scrypt hash from before signs in and is replaced by Argon2id; a wrong password changes nothing', async () => {
    const name = uniqueName('legacy');
    const legacy = await legacyScryptHash(PASSWORD);
    const account = await createAccount(stack.redis, { name, passwordHash: legacy });
    await expect(stack.client().signIn(name, 'not the password')).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });
    expect(await stack.redis.hget(keys.account(account.id), 'passwordHash')).toBe(legacy);

    const signedIn = await stack.client().signIn(name, PASSWORD);
    expect(signedIn.player.id).toBe(account.id);
    const upgraded = await stack.redis.hget(keys.account(account.id), 'passwordHash');
    expect(upgraded).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
    // The new hash works, and is not replaced again.
    await stack.client().signIn(name, PASSWORD);
    expect(await stack.redis.hget(keys.account(account.id), 'passwordHash')).toBe(upgraded);
  });

  it('sign-ins whose clients hung up are never hashed', async () => {
    const name = uniqueName('storm');
    await stack.client().register(name, PASSWORD);
    const queue = stack.apps[0]!.passwords.queue;
    const port = Number(new URL(stack.urls[0]!).port);
    const startedBefore = queue.started;
    // 20 sign-ins that queue behind one another (one hash at a time here), then hang up. Unknown
    // names cost a hash too (against the dummy), each its own sign-in pace, so none is paced away.
    const sockets = Array.from({ length: 20 }, (_, i) => {
      const body = JSON.stringify({ name: `${name}x${i}`, password: 'a wrong guess!' });
      const socket = connect(port, '127.0.0.1');
      socket.on('error', () => undefined);
      socket.write(
        `POST /v1/sessions HTTP/1.1\r\nhost: 127.0.0.1:${port}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
      );
      return socket;
    });
    await until(() => queue.running + queue.waiting >= 20);
    for (const s of sockets) s.destroy();
    await until(() => queue.running === 0 && queue.waiting === 0);
    // At most the one already running was hashed; the other 19 were dropped unhashed.
    expect(queue.started - startedBefore).toBeLessThanOrEqual(1);
    expect(queue.abandoned).toBeGreaterThanOrEqual(19);
    // And the owner signs in at once.
    expect((await stack.client().signIn(name, PASSWORD)).player.name).toBe(name);
  });
});
