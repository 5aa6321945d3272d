/**
 * Issue #13, graceful overload against real processes: a real Coral whose entries cannot
 * drain (its Redis is frozen with SIGSTOP, the way a saturated Redis looks from Coral)
 * refuses new queue entries at once with a typed, retryable BUSY once the entry line's
 * measured wait passes QUEUE_ENTRY_MAX_WAIT_MS; every request is answered (the ones in line
 * are acked once Redis moves again), and a retry after the line drained is admitted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Coraline } from '@glaceon/client';
import { connectPlayer, makeLobby, makePlayer } from '../test-support/players.js';
import { startCoralStack, type CoralStack } from '../test-support/stack.js';

describe('overload: new queue entries are shed quickly, never left unanswered', () => {
  let stack: CoralStack;
  const clients: Coraline[] = [];
  let frozen = false;
  beforeAll(async () => {
    stack = await startCoralStack({
      corals: 1,
      env: { MODES: '2v2', QUEUE_ENTRY_CONCURRENCY: '2', QUEUE_ENTRY_MAX_WAIT_MS: '300' },
    });
  }, 60_000);
  afterAll(async () => {
    if (frozen) process.kill(stack.redisServer.process.pid, 'SIGCONT');
    for (const c of clients) c.close();
    await stack?.stop();
  });

  it('sheds with BUSY within 100 ms past the measured wait; the line is acked after; a retry is admitted', async () => {
    const url = `ws://127.0.0.1:${stack.corals[0]!.port}`;
    const hosts: Coraline[] = [];
    for (let i = 0; i < 10; i++) {
      const p = await makePlayer(stack.redis);
      await makeLobby(stack.redis, '2v2', [p]);
      const c = connectPlayer(url, p);
      clients.push(c);
      await c.connect();
      hosts.push(c);
    }
    const pid = stack.redisServer.process.pid;
    process.kill(pid, 'SIGSTOP');
    frozen = true;
    // Two in flight (stuck on Redis), two waiting in line.
    const inLine = hosts.slice(0, 4).map((c) =>
      c.startQueue().then(
        () => 'ack',
        (e: { code?: string }) => e.code ?? 'error',
      ),
    );
    await new Promise((r) => setTimeout(r, 500));
    // The line's oldest has waited > 300 ms: new entries are refused at once, each with an answer.
    const shedAnswers = await Promise.all(
      hosts.slice(4).map(async (c) => {
        const started = performance.now();
        const code = await c.startQueue().then(
          () => 'ack',
          (e: { code?: string }) => e.code ?? 'error',
        );
        return { code, ms: performance.now() - started };
      }),
    );
    expect(shedAnswers.map((a) => a.code)).toEqual(Array(6).fill('BUSY'));
    for (const a of shedAnswers) expect(a.ms).toBeLessThan(100);
    process.kill(pid, 'SIGCONT');
    frozen = false;
    // Nobody in line was dropped: all four are acked once Redis moves.
    expect(await Promise.all(inLine)).toEqual(['ack', 'ack', 'ack', 'ack']);
    // The line drained: a retry is admitted.
    for (const c of hosts.slice(4)) await c.startQueue();
    const metrics = await fetch(`http://127.0.0.1:${stack.corals[0]!.internalPort}/metrics`).then((r) => r.text());
    expect(metrics).toMatch(/coral_queue_entries_shed_total\{[^}]*reason="wait"[^}]*\} 6/);
  }, 60_000);
});
