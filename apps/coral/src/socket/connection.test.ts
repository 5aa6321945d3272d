import { describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { PlayerConnection } from './connection.js';
import { TokenBucket } from '@glaceon/protocol';

function fakeWs(bufferedAmount: number) {
  const sent: string[] = [];
  let terminated = false;
  const ws = { OPEN: 1, readyState: 1, bufferedAmount, send: (d: string) => sent.push(d), terminate: () => (terminated = true), close: () => undefined };
  return { ws: ws as unknown as WebSocket, sent, terminated: () => terminated };
}

describe('PlayerConnection', () => {
  it('sends while the peer keeps up', () => {
    const f = fakeWs(0);
    const conn = new PlayerConnection(f.ws, 'p_x', 'x', { maxBufferedBytes: 1000, rateLimitPerSec: 1, rateLimitBurst: 1 }, () => undefined);
    expect(conn.send({ type: 'ack', id: 'a' })).toBe(true);
    expect(JSON.parse(f.sent[0]!)).toEqual({ type: 'ack', id: 'a' });
  });

  it('drops a slow consumer instead of buffering without limit', () => {
    const f = fakeWs(5000);
    let slow = 0;
    const conn = new PlayerConnection(f.ws, 'p_x', 'x', { maxBufferedBytes: 1000, rateLimitPerSec: 1, rateLimitBurst: 1 }, () => slow++);
    expect(conn.send({ type: 'ack', id: 'a' })).toBe(false);
    expect(f.sent).toHaveLength(0);
    expect(f.terminated()).toBe(true);
    expect(slow).toBe(1);
    expect(conn.send({ type: 'ack', id: 'b' })).toBe(false);
    expect(slow).toBe(1);
  });
});

describe('TokenBucket', () => {
  it('allows a burst, then the sustained rate', () => {
    let now = 0;
    const bucket = new TokenBucket(2, 3, () => now);
    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, true, false]);
    now += 500;
    expect([bucket.take(), bucket.take()]).toEqual([true, false]);
  });
});
