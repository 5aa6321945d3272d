import { describe, expect, it } from 'vitest';
import { HashQueue, legacyScryptHash, Passwords } from './password.js';

const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
};

describe('password hashing', () => {
  it('hashes with Argon2id at OWASP parameters and verifies; the former scrypt format verifies and asks for a rehash', async () => {
    const passwords = new Passwords();
    const hash = await passwords.hash('correct horse');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
    expect(await passwords.verify('correct horse', hash)).toEqual({ ok: true, needsRehash: false });
    expect(await passwords.verify('wrong horse', hash)).toEqual({ ok: false, needsRehash: false });

    const legacy = await legacyScryptHash('correct horse');
    expect(await passwords.verify('correct horse', legacy)).toEqual({ ok: true, needsRehash: true });
    expect(await passwords.verify('wrong horse', legacy)).toEqual({ ok: false, needsRehash: false });
    // Weaker Argon2 parameters verify too, and are upgraded.
    const argon2 = (await import('argon2')).default;
    const weak = await argon2.hash('correct horse', { type: argon2.argon2id, memoryCost: 4096, timeCost: 1, parallelism: 1 });
    expect(await passwords.verify('correct horse', weak)).toEqual({ ok: true, needsRehash: true });
    for (const junk of ['', 'plain', 'scrypt$1$1$1$x$y', '$argon2id$garbage'])
      expect(await passwords.verify('x', junk)).toEqual({ ok: false, needsRehash: false });
  });

  it('the queue runs a bounded number at once, in order, and answers BUSY past its waiting bound', async () => {
    const queue = new HashQueue({ maxConcurrent: 1, maxWaiting: 2 });
    const gate = deferred();
    const order: number[] = [];
    const first = queue.run(async () => {
      await gate.promise;
      order.push(1);
    });
    const second = queue.run(async () => void order.push(2));
    const third = queue.run(async () => void order.push(3));
    await expect(queue.run(async () => void order.push(4))).rejects.toMatchObject({ code: 'BUSY', status: 503 });
    expect([queue.running, queue.waiting]).toEqual([1, 2]);
    gate.resolve();
    await Promise.all([first, second, third]);
    expect(order).toEqual([1, 2, 3]);
  });

  it('drops work whose caller has gone: before it starts, and while it waits', async () => {
    const queue = new HashQueue({ maxConcurrent: 1, maxWaiting: 10 });
    const gate = deferred();
    const ran: string[] = [];
    const running = queue.run(async () => {
      await gate.promise;
      ran.push('running');
    });
    const gone = new AbortController();
    const waitingForNobody = queue.run(async () => void ran.push('abandoned'), gone.signal);
    const alive = queue.run(async () => void ran.push('alive'));
    const alreadyGone = AbortSignal.abort();
    await expect(queue.run(async () => void ran.push('never'), alreadyGone)).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    gone.abort();
    await expect(waitingForNobody).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    expect(queue.waiting).toBe(1);
    gate.resolve();
    await Promise.all([running, alive]);
    expect(ran).toEqual(['running', 'alive']);
    expect(queue.abandoned).toBe(2);
  });
});
