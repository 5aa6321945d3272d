import { existsSync, readFileSync } from 'node:fs';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trackedDirs, trackedPids } from '../cleanup.js';
import { processGroupMembers } from '../proc-info.js';
import { NginxConfigError } from './config.js';
import { startNginxStream, type NginxStreamHandle } from './start.js';

/** A TCP server that answers every connection with its own name. */
async function nameServer(name: string): Promise<{ port: number; connections: () => number; close(): Promise<void> }> {
  let connections = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.end(name);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as net.AddressInfo;
  return {
    port: address.port,
    connections: () => connections,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Connect through the proxy and read everything the upstream says. */
function ask(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    let text = '';
    socket.setTimeout(5000, () => socket.destroy(new Error('no answer through nginx')));
    socket.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    socket.on('end', () => resolve(text));
    socket.on('error', reject);
  });
}

async function askMany(port: number, count: number): Promise<string[]> {
  const answers: string[] = [];
  // One at a time, so the order of picks is observable.
  for (let i = 0; i < count; i++) answers.push(await ask(port));
  return answers;
}

describe('startNginxStream', () => {
  let alpha: Awaited<ReturnType<typeof nameServer>>;
  let beta: Awaited<ReturnType<typeof nameServer>>;
  let nginx: NginxStreamHandle;

  beforeAll(async () => {
    alpha = await nameServer('alpha');
    beta = await nameServer('beta');
    nginx = await startNginxStream({ upstreams: [alpha.port, { host: '127.0.0.1', port: beta.port }] });
  });
  afterAll(async () => {
    await nginx?.stop();
    await alpha?.close();
    await beta?.close();
  });

  it('renders its config in its own folder and proxies on a loopback port', () => {
    expect(nginx.url).toBe(`tcp://127.0.0.1:${nginx.port}`);
    const config = readFileSync(nginx.configPath, 'utf8');
    expect(config).toContain(`listen 127.0.0.1:${nginx.port};`);
    expect(config).toContain(`server 127.0.0.1:${alpha.port} max_fails=1 fail_timeout=2s;`);
    expect(config).toContain(`pid "${nginx.dir}/nginx.pid";`);
    // Readiness came from the pid file: no probe connection reached an upstream.
    expect(alpha.connections() + beta.connections()).toBe(0);
  });

  it('forwards TCP to both upstreams in turn (round robin)', async () => {
    const answers = await askMany(nginx.port, 8);
    expect(answers.filter((name) => name === 'alpha')).toHaveLength(4);
    expect(answers.filter((name) => name === 'beta')).toHaveLength(4);
    for (let i = 1; i < answers.length; i++) expect(answers[i]).not.toBe(answers[i - 1]);
  });

  it('skips an upstream that died, without failing a single client', async () => {
    await beta.close();
    const answers = await askMany(nginx.port, 6);
    expect(answers).toEqual(Array(6).fill('alpha'));
    expect(await nginx.errorLog()).toMatch(/connect\(\) failed \(111: Connection refused\)/);
  });
});

describe('stopping nginx', () => {
  it('leaves neither master nor worker nor folder behind', async () => {
    const upstream = await nameServer('solo');
    const nginx = await startNginxStream({ upstreams: [upstream.port] });
    try {
      expect(await ask(nginx.port)).toBe('solo');
      const members = processGroupMembers(nginx.process.pid);
      expect(members.length).toBeGreaterThanOrEqual(2); // master + 1 worker
      await nginx.stop();
      for (const pid of members) expect(() => process.kill(pid, 0)).toThrow();
      expect(existsSync(nginx.dir)).toBe(false);
      await expect(ask(nginx.port)).rejects.toThrow();
      await nginx.stop();
    } finally {
      await nginx.stop();
      await upstream.close();
    }
  });

  it("a fixed listen port that is taken fails with nginx's own message, leaving nothing behind", async () => {
    const squatter = await nameServer('squatter');
    const before = { pids: trackedPids(), dirs: trackedDirs() };
    try {
      const error = await startNginxStream({ upstreams: [1], listenPort: squatter.port }).catch((e: unknown) => e);
      expect(String(error)).toMatch(/Address already in use/);
      expect({ pids: trackedPids(), dirs: trackedDirs() }).toEqual(before);
    } finally {
      await squatter.close();
    }
  });

  it('bad options are a typed error and start nothing', async () => {
    const before = { pids: trackedPids(), dirs: trackedDirs() };
    await expect(startNginxStream({ upstreams: [70_000] })).rejects.toBeInstanceOf(NginxConfigError);
    await expect(startNginxStream({ upstreams: [] })).rejects.toThrow(/at least one server/);
    expect({ pids: trackedPids(), dirs: trackedDirs() }).toEqual(before);
  });
});

describe('many players through one nginx', () => {
  it('holds 1,200 streams open at once (nginx alone stops at 1,024 connections, two per stream)', async () => {
    // A held-open upstream: it answers "ok" and keeps the connection, like a player socket.
    const held = new Set<net.Socket>();
    const server = net.createServer((socket) => {
      held.add(socket);
      socket.on('close', () => held.delete(socket));
      socket.write('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const nginx = await startNginxStream({ upstreams: [(server.address() as net.AddressInfo).port] });
    const clients: net.Socket[] = [];
    try {
      const open = (): Promise<void> =>
        new Promise((resolve, reject) => {
          const socket = net.connect({ port: nginx.port, host: '127.0.0.1' });
          clients.push(socket);
          socket.setTimeout(10_000, () => socket.destroy(new Error('no answer through nginx')));
          socket.once('data', () => {
            socket.setTimeout(0);
            resolve();
          });
          socket.once('error', reject);
          socket.once('end', () => reject(new Error('nginx closed the stream')));
        });
      for (let i = 0; i < 1200; i += 100) await Promise.all(Array.from({ length: 100 }, open));
      expect(held.size).toBe(1200);
      expect(await nginx.errorLog()).not.toMatch(/worker_connections are not enough/);
    } finally {
      for (const c of clients) c.destroy();
      await nginx.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }, 60_000);
});
