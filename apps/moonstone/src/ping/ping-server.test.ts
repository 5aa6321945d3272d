import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { closeCodeOf } from '@glaceon/protocol';
import { freePort, spawnService, type ServiceHandle } from '@glaceon/testkit';
import { pingOptionsFromEnv } from './ping-server.js';

const ENTRY = fileURLToPath(new URL('./main.ts', import.meta.url));
const running: ServiceHandle[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((p) => p.stop()));
});

/** The ping endpoint as a real process on a free loopback port. */
async function startPing(env: Record<string, string> = {}): Promise<{ url: string; proc: ServiceHandle }> {
  const port = await freePort();
  const proc = await spawnService({ entry: ENTRY, name: 'ping', env: { PING_PORT: String(port), REGION: 'eu-west', ...env }, readyPort: port });
  running.push(proc);
  return { url: `ws://127.0.0.1:${port}`, proc };
}

function open(url: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

/** The HTTP status an upgrade was refused with. */
function refusedWith(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.once('open', () => reject(new Error('the upgrade was accepted')));
    ws.once('error', () => undefined);
  });
}

const closed = (ws: WebSocket) =>
  new Promise<{ code: number; reason: string }>((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
const echo = (ws: WebSocket, data: string | Buffer) =>
  new Promise<{ data: Buffer; binary: boolean }>((resolve) => {
    ws.once('message', (d, binary) => resolve({ data: d as Buffer, binary }));
    ws.send(data);
  });

describe('pingOptionsFromEnv', () => {
  it('reads every bound, names a bad variable, and is optional inside Moonstone', () => {
    expect(pingOptionsFromEnv({}, false)).toBeNull();
    expect(() => pingOptionsFromEnv({}, true)).toThrow(/PING_PORT is not set/);
    expect(pingOptionsFromEnv({ PING_PORT: '19701', REGION: 'eu-west', PING_RATE: '5', PING_HOST: '0.0.0.0' }, true)).toMatchObject({
      port: 19701,
      host: '0.0.0.0',
      region: 'eu-west',
      messagesPerSecond: 5,
      maxMessageBytes: 64,
      maxConnections: 1000,
    });
    for (const [name, value] of [
      ['PING_PORT', '70000'],
      ['PING_RATE', '0'],
      ['PING_MAX_BYTES', '4096'],
      ['PING_IDLE_MS', 'soon'],
      ['PING_MAX_CONNECTIONS', '-1'],
    ] as const) {
      expect(() => pingOptionsFromEnv({ PING_PORT: '1', [name]: value }, true)).toThrow(new RegExp(`^${name} must be`));
    }
    expect(() => pingOptionsFromEnv({ PING_PORT: '1', PING_HOST: 'a b' }, true)).toThrow(/PING_HOST/);
  });
});

describe('the ping endpoint (a real process)', () => {
  it('echoes text and binary frames exactly; a round trip on loopback takes a few ms', async () => {
    const { url } = await startPing();
    const ws = await open(url);
    const text = await echo(ws, 'p1:1700000000000');
    expect(text).toEqual({ data: Buffer.from('p1:1700000000000'), binary: false });
    const bin = await echo(ws, Buffer.from([0, 1, 2, 255]));
    expect(bin).toEqual({ data: Buffer.from([0, 1, 2, 255]), binary: true });
    const rtts: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      await echo(ws, `p${i}`);
      rtts.push(performance.now() - t0);
    }
    rtts.sort((a, b) => a - b);
    expect(rtts[2]).toBeLessThan(200);
    ws.close();
  });

  it('closes a socket that sends a frame over 64 bytes (1009), and echoes one of exactly 64', async () => {
    const { url } = await startPing();
    const ws = await open(url);
    expect((await echo(ws, 'x'.repeat(64))).data.length).toBe(64);
    const done = closed(ws);
    ws.send('x'.repeat(65));
    expect((await done).code).toBe(1009);
  });

  it('closes a socket that sends faster than its rate (RATE_LIMITED close code)', async () => {
    const { url } = await startPing({ PING_RATE: '5' });
    const ws = await open(url);
    const done = closed(ws);
    let echoed = 0;
    ws.on('message', () => echoed++);
    for (let i = 0; i < 30; i++) ws.send(`p${i}`);
    const { code, reason } = await done;
    expect(code).toBe(closeCodeOf('RATE_LIMITED'));
    expect(reason).toBe('RATE_LIMITED');
    expect(echoed).toBeLessThanOrEqual(5);
  });

  it('closes an idle socket after PING_IDLE_MS', async () => {
    const { url } = await startPing({ PING_IDLE_MS: '300' });
    const ws = await open(url);
    const t0 = Date.now();
    const { code, reason } = await closed(ws);
    expect({ code, reason }).toEqual({ code: 1000, reason: 'idle' });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(250);
  });

  it('refuses sockets past the per-address cap (429) and past the total cap (503); a freed slot is usable again', async () => {
    const perAddress = await startPing({ PING_MAX_PER_ADDRESS: '2' });
    const a = [await open(perAddress.url), await open(perAddress.url)];
    expect(await refusedWith(perAddress.url)).toBe(429);

    const total = await startPing({ PING_MAX_CONNECTIONS: '3' });
    const b = [await open(total.url), await open(total.url), await open(total.url)];
    expect(await refusedWith(total.url)).toBe(503);
    const gone = closed(b[0]!);
    b[0]!.close();
    await gone;
    await expect
      .poll(
        async () =>
          open(total.url).then(
            (ws) => (b.push(ws), true),
            () => false,
          ),
        { timeout: 5000 },
      )
      .toBe(true);
    for (const ws of [...a, ...b]) ws.close();
  });

  it('answers a plain GET with 426 and stops with a clear message when PING_PORT is missing', async () => {
    const { url } = await startPing();
    const res = await fetch(url.replace('ws:', 'http:'));
    expect(res.status).toBe(426);
    await expect(spawnService({ entry: ENTRY, name: 'ping-bad', env: { PING_PORT: undefined }, readyLine: /never/, readyTimeoutMs: 10_000 })).rejects.toThrow(
      /PING_PORT is not set/,
    );
  });
});
