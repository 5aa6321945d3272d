import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { spawnManaged, stopAllManaged } from './processes.js';
import { processExists, processGroupMembers, waitForProcessGone } from './proc-info.js';
import { serviceCommand } from './service/spawn-service.js';
import { makeTempDir } from './tempdir.js';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures');

describe('spawnManaged', () => {
  it('stop() takes the whole process group down, grandchildren included', async () => {
    const proc = spawnManaged('/bin/sh', ['-c', 'sleep 300 & echo "grandchild $!"; wait']);
    const grandchild = Number((await proc.waitForLine(/^grandchild (\d+)$/))[1]);
    expect(processExists(grandchild)).toBe(true);
    expect(processGroupMembers(proc.pid).sort()).toEqual([proc.pid, grandchild].sort());
    await proc.stop();
    expect(proc.alive()).toBe(false);
    await waitForProcessGone(grandchild, 2000);
    expect(() => process.kill(proc.pid, 0)).toThrow();
    expect(processGroupMembers(proc.pid)).toEqual([]);
  });

  it('stop() is idempotent and concurrent calls share one shutdown', async () => {
    const proc = spawnManaged('/bin/sh', ['-c', 'echo up; exec sleep 300']);
    await proc.waitForLine(/^up$/);
    const first = proc.stop();
    const second = proc.stop();
    expect(second).toBe(first);
    await first;
    await proc.stop();
    expect((await proc.exited).signal).toBe('SIGTERM');
  });

  it('falls back to SIGKILL when SIGTERM is ignored', async () => {
    const proc = spawnManaged('/bin/sh', ['-c', "trap '' TERM; echo ready; while :; do sleep 0.05; done"]);
    await proc.waitForLine(/^ready$/);
    const started = Date.now();
    await proc.stop(300);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect((await proc.exited).signal).toBe('SIGKILL');
    expect(processGroupMembers(proc.pid)).toEqual([]);
  });

  it('waitForLine rejects with the output when the process exits first', async () => {
    const proc = spawnManaged('/bin/sh', ['-c', 'echo something else; exit 4'], { name: 'quitter' });
    await expect(proc.waitForLine(/never/)).rejects.toThrow(/quitter exited \(code 4\).*\n.*something else/);
  });

  it('sees a last line without a newline, and UTF-8 intact', async () => {
    const proc = spawnManaged('/bin/sh', ['-c', 'printf "ready: h\\303\\251llo"']);
    expect((await proc.waitForLine(/^ready: (.*)$/))[1]).toBe('héllo');
    await proc.closed;
    expect(proc.output()).toBe('ready: héllo');
  });

  it('reports a command that cannot start without crashing the process', () => {
    expect(() => spawnManaged('/nonexistent/glaceon-binary', [])).toThrow(/Could not start glaceon-binary/);
  });

  it('stopAllManaged stops every live child', async () => {
    const a = spawnManaged('/bin/sh', ['-c', 'echo a; exec sleep 300']);
    const b = spawnManaged('/bin/sh', ['-c', 'echo b; exec sleep 300']);
    await Promise.all([a.waitForLine(/a/), b.waitForLine(/b/)]);
    await stopAllManaged();
    expect(a.alive() || b.alive()).toBe(false);
  });
});

/** Run fixtures/orphan-maker.ts (redis + nginx + a temp dir), return what it made. */
async function runOrphanMaker(then: 'wait' | 'exit' | 'throw', byeFile = '') {
  const { command, args } = serviceCommand(path.join(fixtures, 'orphan-maker.ts'));
  const proc = spawnManaged(command, args, { name: 'orphan-maker', env: { ...process.env, THEN: then, BYE_FILE: byeFile } });
  const line = await proc.waitForLine(/^\{.*\}$/, 20_000);
  const made = JSON.parse(line[0]) as { pids: number[]; dirs: string[] };
  return { proc, ...made };
}

/** Poll until check() is true or 5 s pass; SIGKILL takes effect asynchronously. */
async function eventually(check: () => boolean): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
}

async function expectAllGone(pids: number[], dirs: string[]): Promise<void> {
  const leftovers = () => pids.filter((pid) => processExists(pid) || processGroupMembers(pid).length > 0);
  await eventually(() => leftovers().length === 0);
  expect(leftovers()).toEqual([]);
  const leftDirs = () => dirs.filter((dir) => existsSync(dir));
  await eventually(() => leftDirs().length === 0);
  expect(leftDirs()).toEqual([]);
}

describe('no orphans when the owning process dies', () => {
  it('a SIGKILLed owner: the reaper kills its redis and nginx and removes their folders', async () => {
    const { proc, pids, dirs } = await runOrphanMaker('wait');
    expect(pids.every(processExists)).toBe(true);
    expect(dirs.every((dir) => existsSync(dir))).toBe(true);
    proc.kill('SIGKILL');
    await proc.exited;
    await expectAllGone(pids, dirs);
  });

  it('an owner that calls process.exit without stopping anything: the exit hook cleans up', async () => {
    const { proc, pids, dirs } = await runOrphanMaker('exit');
    expect((await proc.exited).code).toBe(0);
    await expectAllGone(pids, dirs);
  });

  it('an owner that crashes with an uncaught error: the exit hook cleans up', async () => {
    const { proc, pids, dirs } = await runOrphanMaker('throw');
    expect((await proc.exited).code).not.toBe(0);
    await expectAllGone(pids, dirs);
  });

  it('an owner stopped by SIGTERM: children get SIGTERM first, then the owner dies of SIGTERM', async () => {
    const scratch = await makeTempDir('bye');
    try {
      const byeFile = path.join(scratch.path, 'bye');
      const { proc, pids, dirs } = await runOrphanMaker('wait', byeFile);
      process.kill(proc.pid, 'SIGTERM');
      expect((await proc.exited).signal).toBe('SIGTERM');
      await expectAllGone(pids, dirs);
      // The service saw SIGTERM (not just a SIGKILL) and shut down cleanly.
      expect(existsSync(byeFile)).toBe(true);
    } finally {
      await scratch.remove();
    }
  });
});
