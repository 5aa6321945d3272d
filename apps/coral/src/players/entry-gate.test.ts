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

  it('sheds a new entry at once (BUSY) when the oldest waiter has waited past maxWaitMs; cancels still queue', async () => {
    const shed: string[] = [];
    const gate = new EntryGate(1, { maxWaitMs: 50, onShed: (r) => shed.push(r) });
    const first = deferred();
    const running = gate.run(() => first.done, { sheddable: true });
    const waiter = gate.run(async () => 'second', { sheddable: true }); // waits: the line is young
    await turn();
    expect(gate.queued).toBe(1);
    await new Promise((r) => setTimeout(r, 80));
    expect(gate.oldestWaitMs()).toBeGreaterThan(50);
    const started = performance.now();
    await expect(gate.run(async () => 'never', { sheddable: true })).rejects.toMatchObject({ code: 'BUSY' });
    expect(performance.now() - started).toBeLessThan(20);
    expect(shed).toEqual(['wait']);
    // Not sheddable (a cancel): it joins the line however old the line is.
    const cancel = gate.run(async () => 'cancel');
    await turn();
    expect(gate.queued).toBe(2);
    first.finish();
    await running;
    expect(await waiter).toBe('second');
    expect(await cancel).toBe('cancel');
    expect(gate.oldestWaitMs()).toBe(0);
    expect(await gate.run(async () => 'admitted again', { sheddable: true })).toBe('admitted again');
  });

  it('sheds a new entry (BUSY) while the measured load says so, with the reason in the message', async () => {
    let overloaded: string | undefined = 'event-loop delay 400 ms > 250 ms';
    const shed: string[] = [];
    const gate = new EntryGate(4, { overloaded: () => overloaded, onShed: (r) => shed.push(r) });
    await expect(gate.run(async () => 'never', { sheddable: true })).rejects.toThrow(/busy \(event-loop delay 400 ms/);
    expect(await gate.run(async () => 'a cancel is served')).toBe('a cancel is served');
    overloaded = undefined;
    expect(await gate.run(async () => 'admitted', { sheddable: true })).toBe('admitted');
    expect(shed).toEqual(['loop_delay']);
  });
});
