import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { trackedPids } from '../cleanup.js';
import { freePort } from '../ports.js';
import { compiledEntry, serviceCommand, spawnService } from './spawn-service.js';

const entry = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/tiny-service.ts');

function greet(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    let text = '';
    socket.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    socket.on('end', () => resolve(text.trim()));
    socket.on('error', reject);
  });
}

describe('spawnService', () => {
  it('starts a TypeScript entry, waits for its ready line and merges env', async () => {
    const lines: string[] = [];
    const service = await spawnService({
      entry,
      name: 'tiny',
      env: { GREETING: 'from env', PORT: '0' },
      readyLine: /listening on (\d+)/,
      onLine: (line) => lines.push(line),
    });
    try {
      const port = Number(service.readyMatch?.[1]);
      expect(port).toBeGreaterThan(0);
      expect(await greet(port)).toBe('from env');
      expect(lines).toContain(`listening on ${port}`);
      expect(trackedPids()).toContain(service.pid);
    } finally {
      await service.stop();
    }
    // SIGTERM reached the service, which shut down cleanly.
    expect(await service.exited).toEqual({ code: 0, signal: null });
    expect(service.output()).toContain('bye');
    expect(() => process.kill(service.pid, 0)).toThrow();
  });

  it('waits for a ready port', async () => {
    const port = await freePort();
    const service = await spawnService({ entry, name: 'tiny-port', env: { PORT: String(port) }, readyPort: port });
    try {
      expect(await greet(port)).toBe('hello');
    } finally {
      await service.stop();
    }
  });

  it('an env value of undefined removes the variable', async () => {
    process.env.GREETING = 'inherited';
    try {
      const service = await spawnService({ entry, name: 'tiny-unset', env: { GREETING: undefined, PORT: '0' }, readyLine: /listening on (\d+)/ });
      try {
        expect(await greet(Number(service.readyMatch?.[1]))).toBe('hello');
      } finally {
        await service.stop();
      }
    } finally {
      delete process.env.GREETING;
    }
  });

  it('a service that exits before it is ready rejects with its name and output, leaving nothing behind', async () => {
    const before = trackedPids();
    await expect(spawnService({ entry, name: 'crasher', env: { EXIT_EARLY: '1' }, readyLine: /listening/ })).rejects.toThrow(
      /crasher exited \(code 3\)[\s\S]*boom: refusing to start/,
    );
    expect(trackedPids()).toEqual(before);
  });

  it('a service that never gets ready times out and is killed', async () => {
    const port = await freePort();
    const before = trackedPids();
    await expect(spawnService({ entry, name: 'deaf', env: { PORT: '0' }, readyPort: port, readyTimeoutMs: 1500 })).rejects.toThrow(
      /deaf: Nothing listened on 127\.0\.0\.1:\d+ within 1500 ms/,
    );
    expect(trackedPids()).toEqual(before);
  });

  it('stop() falls back to SIGKILL when the service ignores SIGTERM', async () => {
    const service = await spawnService({ entry, name: 'stubborn', env: { IGNORE_SIGTERM: '1', PORT: '0' }, readyLine: /listening on/, stopGraceMs: 300 });
    await service.stop();
    expect((await service.exited).signal).toBe('SIGKILL');
    expect(service.output()).toContain('ignoring SIGTERM');
  });

  it('refuses options that give no readiness signal', async () => {
    await expect(spawnService({ entry, name: 'blind' })).rejects.toThrow(/readyPort or readyLine/);
  });
});

describe('serviceCommand', () => {
  const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
  const coral = path.join(repo, 'apps/coral/src/server.ts');

  it('runs from source through tsx unless npm test asked for the compiled output', () => {
    expect(serviceCommand(coral, ['--inspect'], {}).args).toEqual(['--conditions=glaceon-source', '--import', 'tsx', '--inspect', coral]);
    expect(serviceCommand(coral, [], { GLACEON_SERVICES_FROM_DIST: '0' }).args).toContain('tsx');
  });

  it('under GLACEON_SERVICES_FROM_DIST=1, runs the file tsc -b wrote, with plain node and no source condition', () => {
    const compiled = path.join(repo, 'apps/coral/dist/server.js');
    expect(compiledEntry(coral, (f) => f === compiled)).toBe(compiled);
    expect(compiledEntry(path.join(repo, 'apps/coral/src/x/y.ts'), (f) => f === path.join(repo, 'apps/coral/dist/x/y.js'))).toBe(
      path.join(repo, 'apps/coral/dist/x/y.js'),
    );
    expect(serviceCommand(coral, ['--inspect'], { GLACEON_SERVICES_FROM_DIST: '1' }, (f) => f === compiled).args).toEqual(['--inspect', compiled]);
  });

  it('a file with no compiled counterpart (a test fixture, a .mjs) still runs from source', () => {
    expect(compiledEntry(path.join(repo, 'apps/coral/src/nothing-here.ts'))).toBeUndefined();
    expect(compiledEntry(path.join(repo, 'scripts/check-leftovers.mjs'), () => true)).toBeUndefined();
    expect(serviceCommand(path.join(repo, 'apps/coral/src/nothing-here.ts'), [], { GLACEON_SERVICES_FROM_DIST: '1' }).args).toContain('tsx');
  });
});
