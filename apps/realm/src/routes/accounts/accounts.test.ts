import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RealmRequestError } from '@glaceon/client';
import { accountNameKey, keys } from '@glaceon/store/testing';
import { PASSWORD, raw, startStack, uniqueName, type Stack } from '../../test-support/harness.js';

describe('accounts and sessions', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack(1, { rateLimits: { signIn: { max: 2000, windowMs: 60_000 } } as never });
  });
  afterAll(async () => stack.close());

  it('registers, signs in, tells who I am, signs out, signs out everywhere', async () => {
    const name = uniqueName('Ada');
    const a = stack.client();
    const reg = await a.register(name, PASSWORD);
    expect(reg.player.name).toBe(name);
    expect(reg.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await a.me()).id).toBe(reg.player.id);

    // Stored hash: Argon2id with OWASP parameters, carried in the record (PHC string).
    const stored = await stack.redis.hget(keys.account(reg.player.id), 'passwordHash');
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(stored).not.toContain(PASSWORD);

    // Name is unique ignoring case.
    await expect(stack.client().register(name.toUpperCase(), PASSWORD)).rejects.toMatchObject({ code: 'NAME_TAKEN', status: 409 });

    const b = stack.client();
    const signedIn = await b.signIn(name.toLowerCase(), PASSWORD);
    expect(signedIn.player.id).toBe(reg.player.id);
    expect(signedIn.token).not.toBe(reg.token);

    await b.signOut();
    b.setToken(signedIn.token);
    await expect(b.me()).rejects.toMatchObject({ code: 'UNAUTHENTICATED', status: 401 });
    expect((await a.me()).name).toBe(name);

    const c = stack.client();
    await c.signIn(name, PASSWORD);
    const token = c.token!;
    expect(await a.signOutEverywhere()).toBe(2);
    c.setToken(token);
    await expect(c.me()).rejects.toBeInstanceOf(RealmRequestError);
    await expect(c.me()).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('rejects weak passwords and bad names with typed errors', async () => {
    const name = uniqueName('Bo');
    await expect(stack.client().register(name, 'short')).rejects.toMatchObject({ code: 'INVALID_MESSAGE', status: 400 });
    await expect(stack.client().register(name, `xx${name}xxxxxxxx`)).rejects.toMatchObject({ code: 'INVALID_MESSAGE' });
    await expect(stack.client().register('no spaces allowed', PASSWORD)).rejects.toMatchObject({ code: 'INVALID_MESSAGE' });
    expect(await stack.redis.exists(accountNameKey(name))).toBe(0);
  });

  it('throttles 1,000 wrong passwords for one account; no guess succeeds', async () => {
    const name = uniqueName('Cy');
    await stack.client().register(name, PASSWORD);
    const guesses = Array.from({ length: 1000 }, (_, i) => `wrong-password-${i}`);
    // 50 guesses in flight at a time: a determined client, without turning the test into a
    // socket flood that a loaded 2-core CI machine answers with connection resets.
    const results: Awaited<ReturnType<typeof raw>>[] = [];
    for (let i = 0; i < guesses.length; i += 50) {
      const batch = guesses.slice(i, i + 50).map((password) =>
        raw(stack.urls[0]!, {
          method: 'POST',
          path: '/v1/sessions',
          body: JSON.stringify({ name, password }),
          headers: { 'content-type': 'application/json' },
        }),
      );
      results.push(...(await Promise.all(batch)));
    }
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(0);
    const wrong = statuses.filter((s) => s === 401).length;
    const limited = results.filter((r) => r.status === 429);
    expect(wrong).toBeLessThanOrEqual(10);
    expect(limited.length).toBe(1000 - wrong);
    expect(limited[0]!.body).toMatchObject({ code: 'RATE_LIMITED' });
    expect(limited[0]!.headers.get('retry-after')).toBeTruthy();
    // The real password is refused too while the account is throttled.
    await expect(stack.client().signIn(name, PASSWORD)).rejects.toMatchObject({ code: 'RATE_LIMITED', status: 429 });
  });

  it('answers an unknown name like a wrong password', async () => {
    await expect(stack.client().signIn(uniqueName('nobody'), PASSWORD)).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS', status: 401 });
  });
});
