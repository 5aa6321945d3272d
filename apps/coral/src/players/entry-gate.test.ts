import { describe, expect, it } from 'vitest';
import { EntryGate } from './entry-gate.js';

/** A task the test finishes by hand. */
function deferred() {
  let finish!: () => void;
  let fail!: (e: Error) => void;
  const done = new Promise<void>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  return { done, finish, fail };
}

const turn = () => new Promise((r) => setImmediate(r));

describe('EntryGate', () => {
  it('runs at most `limit` tasks at once and starts the rest in arrival order', async () => {
    const gate = new EntryGate(2);
    const started: number[] = [];
    const tasks = Array.from({ length: 5 }, () => deferred());
    const runs = tasks.map((t, i) =>
      gate.run(async () => {
        started.push(i);
        await t.done;
        return i;
      }),
    );
    await turn();
    expect(started).toEqual([0, 1]);
    expect(gate.queued).toBe(3);
    tasks[1]!.finish();
    await turn();
    expect(started).toEqual([0, 1, 2]);
    tasks[0]!.finish();
    await turn();
    expect(started).toEqual([0, 1, 2, 3]);
    for (const t of tasks) t.finish();
    expect(await Promise.all(runs)).toEqual([0, 1, 2, 3, 4]);
    expect(gate.queued).toBe(0);
  });

  it('a failing task frees its slot and its caller gets the error', async () => {
    const gate = new EntryGate(1);
    const first = deferred();
    const a = gate.run(() => first.done);
    let secondRan = false;
    const b = gate.run(async () => {
      secondRan = true;
    });
    await turn();
    expect(secondRan).toBe(false);
    first.fail(new Error('boom'));
    await expect(a).rejects.toThrow('boom');
    await b;
    expect(secondRan).toBe(true);
  });

  it('a late arrival never overtakes a waiter when a slot frees', async () => {
    const gate = new EntryGate(1);
    const order: string[] = [];
    const first = deferred();
    const a = gate.run(async () => {
      order.push('a');
      await first.done;
    });
    const b = gate.run(async () => {
      order.push('b');
    });
    first.finish();
    await a;
    // Arrives after the slot was handed to b, before b ran.
    const c = gate.run(async () => {
      order.push('c');
    });
    await Promise.all([b, c]);
    expect(order).toEqual(['a', 'b', 'c']);
  });

  it('refuses a limit that is not a positive integer', () => {
    expect(() => new EntryGate(0)).toThrow(RangeError);
    expect(() => new EntryGate(1.5)).toThrow(RangeError);
  });

  it('bounds its waiting list: past it, a typed retryable UNAVAILABLE at once (nothing queued)', async () => {
    const gate = new EntryGate(1, 2);
    const tasks = Array.from({ length: 3 }, () => deferred());
    const runs = tasks.map((t) => gate.run(() => t.done));
    await turn();
    expect(gate.queued).toBe(2);
    await expect(gate.run(async () => 'never')).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    expect(gate.queued).toBe(2);
    for (const t of tasks) t.finish();
    await Promise.all(runs);
    expect(await gate.run(async () => 'served again')).toBe('served again');
  });
});
