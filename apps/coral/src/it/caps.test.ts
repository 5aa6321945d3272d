/**
 * Issue #12, item 11 against a real Coral process: sockets per player are capped
 * (a newer one closes the oldest with a typed close code), and Coral's HTTP server
 * cuts a client that never finishes its headers.
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Coraline } from '@glaceon/client';
import { closeCodeOf } from '@glaceon/protocol';
import { connectPlayer, makeLobby, makePlayer } from '../test-support/players.js';
import { startCoralStack, type CoralStack } from '../test-support/stack.js';

describe('connection caps on a real Coral', () => {
  let stack: CoralStack;
  const clients: Coraline[] = [];
  beforeAll(async () => {
    stack = await startCoralStack({ corals: 1, env: { MODES: '1v1', MAX_SOCKETS_PER_PLAYER: '2' } });
  }, 60_000);
  afterAll(async () => {
    for (const c of clients) c.close();
    await stack?.stop();
  });

  it('a third socket of one player closes the oldest (FORBIDDEN, 4403, final); the two newest stay', async () => {
    const player = await makePlayer(stack.redis);
    await makeLobby(stack.redis, '1v1', [player]);
    const closes: { i: number; code: number; willReconnect: boolean }[] = [];
    for (let i = 0; i < 3; i++) {
      const c = connectPlayer(stack.wsUrl, player, { reconnect: false });
      clients.push(c);
      c.on('disconnected', (e) => closes.push({ i, code: e.code, willReconnect: e.willReconnect }));
      await c.connect();
    }
    await expect.poll(() => closes).toEqual([{ i: 0, code: closeCodeOf('FORBIDDEN'), willReconnect: false }]);
    // The newest two still work.
    expect(clients[1]!.status).toBe('open');
    expect(clients[2]!.status).toBe('open');
    await clients[2]!.startQueue();
  });

  it('a client that never finishes its request headers is cut (headersTimeout)', async () => {
    const socket = net.connect(stack.corals[0]!.port, '127.0.0.1');
    await new Promise<void>((r) => socket.once('connect', () => r()));
    socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n'); // ...and never the blank line
    const started = Date.now();
    const closedAfter = await new Promise<number>((resolve) => {
      socket.on('data', () => undefined);
      socket.once('close', () => resolve(Date.now() - started));
    });
    expect(closedAfter).toBeLessThan(13_000);
  }, 30_000);
});
