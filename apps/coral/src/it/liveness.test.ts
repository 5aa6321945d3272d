/**
 * Issue #13, liveness that load cannot fake, with real processes: a real Coral, redis-server
 * and a real reference Moonstone (apps/moonstone). The Coral process is frozen (SIGSTOP) for
 * longer than the heartbeat TTL, the way a Coral whose event loop is blocked by player traffic
 * looks to everyone else; when it wakes, its sweeper must not declare the live Moonstone lost
 * (its heartbeats waited behind Coral's own stall). The control: a Moonstone that really goes
 * silent (frozen itself) is still declared lost within the TTL plus a sweep.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FLEET_DEFAULT_TTL_MS } from '@glaceon/protocol';
import { listFleetServers } from '@glaceon/store';
import type { ManagedProcess } from '@glaceon/testkit';
import { startCoralStack, startReferenceMoonstone, waitFor, type CoralStack } from '../test-support/stack.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('liveness: a stalled Coral does not declare a live Moonstone lost', () => {
  // Two Corals: the Moonstone heartbeats through the first; the second sweeps too.
  let stack: CoralStack;
  const moonstones: ManagedProcess[] = [];
  const coralLines: string[] = [];
  const stopped = new Set<number>();

  beforeAll(async () => {
    stack = await startCoralStack({ corals: 2, env: { MODES: '1v1', LOG_LEVEL: 'warn' } });
    for (const c of stack.corals) c.proc.child.stdout?.on('data', (d: Buffer) => coralLines.push(d.toString()));
  }, 60_000);
  afterAll(async () => {
    for (const pid of stopped) process.kill(pid, 'SIGCONT');
    await Promise.all(moonstones.map((m) => m.stop().catch(() => undefined)));
    await stack?.stop();
  });

  async function startMoonstone(id: string): Promise<ManagedProcess> {
    const proc = await startReferenceMoonstone(stack, { id });
    moonstones.push(proc);
    return proc;
  }

  const freeze = (pid: number) => (process.kill(pid, 'SIGSTOP'), stopped.add(pid));
  const thaw = (pid: number) => (process.kill(pid, 'SIGCONT'), stopped.delete(pid));
  const registered = async (id: string) => (await listFleetServers(stack.redis)).some((s) => s.serverId === id);

  it('the Coral it heartbeats through frozen for longer than the TTL: neither that Coral nor the other declares the live Moonstone lost', async () => {
    await startMoonstone('ms_live');
    const coralPid = stack.corals[0]!.proc.child.pid!;
    freeze(coralPid);
    await sleep(FLEET_DEFAULT_TTL_MS + 2000);
    // While coral-1 sleeps the deadline passed in Redis time. coral-2 kept sweeping: it judges
    // ms_live by coral-1's published grace plus coral-1's silence (capped at 6 s).
    expect(await registered('ms_live')).toBe(true);
    thaw(coralPid);
    // Long enough for several sweeps and a whole TTL of listening.
    for (let i = 0; i < 10; i++) {
      await sleep(500);
      expect(await registered('ms_live')).toBe(true);
    }
    expect(coralLines.join('')).not.toMatch(/fleet servers lost/);
  }, 60_000);

  it('control: a Moonstone that really goes silent is declared lost within the TTL and a sweep', async () => {
    const proc = await startMoonstone('ms_silent');
    freeze(proc.child.pid!);
    const started = Date.now();
    await waitFor('ms_silent declared lost', async () => !(await registered('ms_silent')), 15_000, 100);
    expect(Date.now() - started).toBeLessThan(FLEET_DEFAULT_TTL_MS + 3000);
    expect(await registered('ms_live')).toBe(true);
    thaw(proc.child.pid!);
  }, 60_000);
});
