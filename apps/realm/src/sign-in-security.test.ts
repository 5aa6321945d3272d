/**
 * #12 items 6, 7 and 16 against a real Realm (listening) and redis-server.
 * Clients are told apart by X-Forwarded-For from a trusted proxy (loopback),
 * as behind a real load balancer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keys } from '@glaceon/store/testing';
import { PASSWORD, raw, startStack, uniqueName, type Stack } from './test-support/harness.js';

describe('sign-in and sessions (#12)', () => {
  let stack: Stack;
  let url: string;
  /** Short delays and a short absolute lifetime, for the tests that wait them out. */
  let fast: Stack;

  beforeAll(async () => {
    const common = {
      trustProxy: ['127.0.0.1'],
      rateLimits: { signIn: { max: 1000, windowMs: 60_000 }, signInPerAccount: { max: 6, windowMs: 60_000 } } as never,
    };
    stack = await startStack(1, {
      ...common,
      maxSessionsPerAccount: 3,
      // A long first delay: the timing holds however slowly argon2 runs on a loaded machine.
      signInPace: { freeAttempts: 5, baseDelayMs: 30_000, maxDelayMs: 60_000, windowMs: 60_000, broadDelayMs: 700 },
    });
    fast = await startStack(1, {
      ...common,
      sessionMaxLifetimeMs: 5_000,
      signInPace: { freeAttempts: 5, baseDelayMs: 1_000, maxDelayMs: 60_000, windowMs: 60_000, broadDelayMs: 700 },
    });
    url = stack.urls[0]!;
  });
  afterAll(async () => {
    await stack.close();
    await fast.close();
  });

  const signIn = (name: string, password: string, client: string, on = url) =>
    raw(on, {
      method: 'POST',
      path: '/v1/sessions',
      body: JSON.stringify({ name, password }),
      headers: { 'content-type': 'application/json', 'x-forwarded-for': client },
    });

  async function register(): Promise<string> {
    const name = uniqueName('si');
    await stack.client().register(name, PASSWORD);
    return name;
  }

  it('throttles the guesser, not the owner: 12 wrong guesses from one client, the owner signs in from another', async () => {
    const name = await register();
    // All at once: the pace is atomic, so exactly the free attempts are checked.
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => signIn(name, `wrong-${i}-password`, '203.0.113.7')));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([...Array<number>(5).fill(401), ...Array<number>(7).fill(429)]);
    const limited = results.find((r) => r.status === 429)!;
    expect(limited.body).toMatchObject({ code: 'RATE_LIMITED' });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    // The guesser's own client, even with the right password, must wait.
    expect((await signIn(name, PASSWORD, '203.0.113.7')).status).toBe(429);
    // The owner, from another client: at once.
    const owner = await signIn(name, PASSWORD, '198.51.100.20');
    expect(owner.status).toBe(201);
    expect(owner.body).toMatchObject({ token: expect.any(String) });
  });

  it('slows down rather than refuses: after the asked delay the guesser gets one more try', { timeout: 60_000 }, async () => {
    const name = uniqueName('si');
    await fast.client().register(name, PASSWORD);
    const on = fast.urls[0]!;
    // Six at once: the pace is atomic, so the sixth is asked to wait.
    const wrong = await Promise.all(Array.from({ length: 6 }, () => signIn(name, 'wrong-password-x', '203.0.113.8', on)));
    expect(wrong.map((r) => r.status).sort()).toEqual([401, 401, 401, 401, 401, 429]);
    const slowed = wrong.find((r) => r.status === 429)!;
    expect(slowed.body).toMatchObject({ code: 'RATE_LIMITED' });
    expect(Number(slowed.headers.get('retry-after'))).toBe(1);
    await new Promise((r) => setTimeout(r, 1050));
    expect((await signIn(name, PASSWORD, '203.0.113.8', on)).status).toBe(201);
  });

  it('under a broad attack (many clients) a new client is asked for a short delay, never locked out', { timeout: 90_000 }, async () => {
    const name = await register();
    // Six clients, one wrong guess each: each client alone is far from its own pace.
    const guesses = await Promise.all(Array.from({ length: 6 }, (_, i) => signIn(name, 'wrong-password-y', `192.0.2.${i + 1}`)));
    expect(guesses.every((r) => r.status === 401)).toBe(true);
    const first = await signIn(name, PASSWORD, '198.51.100.99');
    expect(first.status).toBe(429);
    expect(first.body).toMatchObject({ code: 'RATE_LIMITED' });
    expect(Number(first.headers.get('retry-after'))).toBe(1);
    await new Promise((r) => setTimeout(r, 750));
    expect((await signIn(name, PASSWORD, '198.51.100.99')).status).toBe(201);
  });

  it('caps sessions per account: signing in past the cap revokes the oldest; ended sessions are pruned from the index', async () => {
    const name = await register(); // session 1
    const me = await stack.client().signIn(name, PASSWORD);
    const index = keys.accountSessions(me.player.id);
    await stack.redis.sadd(index, 'f'.repeat(64)); // an ended session's hash
    const tokens: string[] = [];
    for (let i = 0; i < 3; i++) tokens.push((await stack.client().signIn(name, PASSWORD)).token);
    expect(await stack.redis.sismember(index, 'f'.repeat(64))).toBe(0);
    expect(await stack.redis.scard(index)).toBe(3);
    const authed = (token: string) => raw(url, { method: 'GET', path: '/v1/me', headers: { authorization: `Bearer ${token}` } }).then((r) => r.status);
    expect(await authed(me.token)).toBe(401);
    for (const t of tokens) expect(await authed(t)).toBe(200);
  });

  it('a session ends at its absolute lifetime however much it is used', { timeout: 60_000 }, async () => {
    const name = uniqueName('si');
    const { token } = await fast.client().register(name, PASSWORD);
    const started = Date.now();
    const authed = () => raw(fast.urls[0]!, { method: 'GET', path: '/v1/me', headers: { authorization: `Bearer ${token}` } }).then((r) => r.status);
    let status = 200;
    expect(await authed()).toBe(200);
    while (status === 200 && Date.now() - started < 15_000) {
      status = await authed();
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(status).toBe(401);
  });
});
