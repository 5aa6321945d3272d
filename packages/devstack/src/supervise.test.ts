import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '@glaceon/testkit';
import { startTsService, type ServiceHandle } from './service.js';
import { superviseStack } from './supervise.js';

/** A real service process: an HTTP server that prints a line, then serves /healthz. */
const dirs: string[] = [];
function serviceEntry(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'glaceon-supervise-'));
  dirs.push(dir);
  const file = path.join(dir, 'service.mjs');
  writeFileSync(
    file,
    `import http from 'node:http';
console.log('service up on ' + process.env.PORT);
http.createServer((_q, s) => s.end('ok')).listen(Number(process.env.PORT), '127.0.0.1');`,
  );
  return file;
}

describe('superviseStack (real processes)', () => {
  const handles: ServiceHandle[] = [];
  afterEach(async () => {
    for (const h of handles.splice(0)) await h.stop();
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('says which process died with its last lines, restarts it on the same port, and gives up after the limit', async () => {
    const port = await freePort();
    const service = await startTsService({ name: 'svc', entry: serviceEntry(), port, env: { PORT: String(port) }, stackId: 'test', readyPath: '/healthz' });
    handles.push(service);
    const lines: string[] = [];
    const supervisor = superviseStack([{ name: 'svc', current: () => service.process, restart: () => service.restart() }], {
      isStopping: () => false,
      log: (l) => lines.push(l),
      maxRestarts: 1,
    });

    const first = service.process.pid;
    service.process.kill('SIGKILL');
    await expect.poll(() => lines.some((l) => l.includes('svc is running again')), { timeout: 20_000 }).toBe(true);
    expect(lines.join('\n')).toContain('svc died (signal SIGKILL)');
    expect(lines.join('\n')).toContain(`| service up on ${port}`);
    expect(service.process.pid).not.toBe(first);
    expect(await (await fetch(`http://127.0.0.1:${port}/healthz`)).text()).toBe('ok');

    // A second death within the window exceeds maxRestarts = 1: reported, not restarted.
    service.process.kill('SIGKILL');
    await supervisor.done;
    expect(lines.at(-1)).toContain('not restarting it again');
    expect(service.process.alive()).toBe(false);
  });

  it('stays quiet about exits while the owner is stopping', async () => {
    const port = await freePort();
    const service = await startTsService({ name: 'svc', entry: serviceEntry(), port, env: { PORT: String(port) }, stackId: 'test' });
    handles.push(service);
    const lines: string[] = [];
    let stopping = false;
    const supervisor = superviseStack([{ name: 'svc', current: () => service.process }], { isStopping: () => stopping, log: (l) => lines.push(l) });
    stopping = true;
    await service.stop();
    await supervisor.done;
    expect(lines).toEqual([]);
  });
});
