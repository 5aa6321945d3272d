import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer, WebSocket } from 'ws';
import net, { type AddressInfo } from 'node:net';
import { measureRoundTrip, median } from './ping.js';
import type { WebSocketConstructor } from './socket.js';

const WS = WebSocket as unknown as WebSocketConstructor;
const servers: WebSocketServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    for (const c of s.clients) c.terminate();
    await new Promise<void>((r) => s.close(() => r()));
  }
});

/** A real echo endpoint on loopback, answering each frame after `delayMs` (or doing something worse). */
async function echoServer(
  behave: { delayMs?: number; silent?: boolean; closeAfter?: number; noise?: boolean } = {},
): Promise<{ url: string; frames: string[] }> {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  servers.push(wss);
  await new Promise<void>((r) => wss.once('listening', () => r()));
  const frames: string[] = [];
  wss.on('connection', (ws) => {
    ws.on('message', (data) => {
      frames.push(String(data));
      if (behave.silent) return;
      if (behave.closeAfter !== undefined && frames.length > behave.closeAfter) return ws.close(1011, 'bye');
      if (behave.noise) ws.send('not-mine');
      setTimeout(() => ws.send(String(data)), behave.delayMs ?? 0);
    });
  });
  return { url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`, frames };
}

describe('measureRoundTrip (a real socket)', () => {
  it('median of 5 pings over one socket; an added server delay shows in the result', async () => {
    const fast = await echoServer();
    const slow = await echoServer({ delayMs: 60 });
    const a = await measureRoundTrip(fast.url, { WebSocket: WS });
    const b = await measureRoundTrip(slow.url, { WebSocket: WS });
    expect(fast.frames).toEqual(['p0', 'p1', 'p2', 'p3', 'p4']);
    expect(a).toBeGreaterThanOrEqual(1);
    expect(b).toBeGreaterThanOrEqual(59);
    expect(b).toBeGreaterThan(a);
  });

  it('ignores frames that are not the echo it waits for', async () => {
    const noisy = await echoServer({ noise: true });
    await expect(measureRoundTrip(noisy.url, { WebSocket: WS, pings: 3 })).resolves.toBeGreaterThanOrEqual(1);
    expect(noisy.frames).toEqual(['p0', 'p1', 'p2']);
  });

  it('rejects a silent endpoint at its timeout, one that closes early, and one that is not there', async () => {
    const silent = await echoServer({ silent: true });
    const t0 = Date.now();
    await expect(measureRoundTrip(silent.url, { WebSocket: WS, timeoutMs: 300 })).rejects.toThrow(/within 300 ms/);
    expect(Date.now() - t0).toBeLessThan(2000);
    const quitter = await echoServer({ closeAfter: 2 });
    await expect(measureRoundTrip(quitter.url, { WebSocket: WS })).rejects.toThrow(/closed \(1011\)/);
    // Accepts TCP but never answers the upgrade: the socket is still connecting when the time is up.
    const held = new Set<net.Socket>();
    const mute = net.createServer((c) => void held.add(c.on('error', () => undefined)));
    await new Promise<void>((r) => mute.listen(0, '127.0.0.1', r));
    await expect(measureRoundTrip(`ws://127.0.0.1:${(mute.address() as AddressInfo).port}`, { WebSocket: WS, timeoutMs: 300 })).rejects.toThrow(
      /within 300 ms/,
    );
    await new Promise((r) => setTimeout(r, 50)); // an error after the close would surface here
    for (const c of held) c.destroy();
    await new Promise<void>((r) => mute.close(() => r()));
    const gone = await echoServer();
    const url = gone.url;
    await new Promise<void>((r) => servers.pop()!.close(() => r()));
    await expect(measureRoundTrip(url, { WebSocket: WS, timeoutMs: 2000 })).rejects.toThrow();
  });

  it('median picks the lower middle (an outlier never wins)', () => {
    expect(median([5, 1, 900, 3, 4])).toBe(4);
    expect(median([10, 2])).toBe(2);
    expect(() => median([])).toThrow(RangeError);
  });
});
