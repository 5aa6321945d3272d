import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PlayerConnection } from './connection.js';
import { createLivenessCheck, heartbeatCheckMs } from './heartbeat.js';

/** A connection as the check sees it: when it last spoke, whether it is pinged, what happened to it. */
function fakeConnection(heardAt: number) {
  const conn = {
    heardAt,
    pingedAt: undefined as number | undefined,
    pings: 0,
    terminated: false,
    closed: false,
    ws: { ping: () => conn.pings++ },
    /** As PlayerConnection.heard: a frame or a pong. */
    heard: () => {
      conn.heardAt = Date.now();
      conn.pingedAt = undefined;
    },
    terminate: () => {
      conn.terminated = true;
      conn.closed = true;
    },
  };
  return conn;
}

const HEARTBEAT_MS = 1000;

describe('player socket liveness (heartbeat.ts)', () => {
  let dropped: number;
  const metrics = { droppedPeers: { inc: () => void dropped++ } } as never;

  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(100_000);
    dropped = 0;
  });
  afterEach(() => vi.useRealTimers());

  /** Run the check every quarter interval for `ms`, as the timer would. */
  function runFor(check: (c: Iterable<PlayerConnection>) => void, conns: ReturnType<typeof fakeConnection>[], ms: number): void {
    for (let t = 0; t < ms; t += heartbeatCheckMs(HEARTBEAT_MS)) {
      vi.advanceTimersByTime(heartbeatCheckMs(HEARTBEAT_MS));
      check(conns as unknown as PlayerConnection[]);
    }
  }

  it('pings a socket once it has been silent for 1.75 intervals, and only once', () => {
    const check = createLivenessCheck(HEARTBEAT_MS, metrics);
    const conn = fakeConnection(Date.now());
    runFor(check, [conn], 1500);
    expect(conn.pings).toBe(0);
    runFor(check, [conn], 250);
    expect(conn.pings).toBe(1);
    expect(conn.terminated).toBe(false);
    // Still silent: never pinged again, dropped at two intervals.
    runFor(check, [conn], 250);
    expect(conn.pings).toBe(1);
    expect(conn.terminated).toBe(true);
  });

  it('never pings an idle Coraline: it speaks within 1.5 intervals of silence', () => {
    const check = createLivenessCheck(HEARTBEAT_MS, metrics);
    const conn = fakeConnection(Date.now());
    // Coraline looks every half interval and pings once Coral was silent an interval: at the
    // latest an interval and a half after Coral's last frame (its answer to the last ping).
    for (let i = 0; i < 10; i++) {
      runFor(check, [conn], 1500);
      conn.heard();
    }
    expect(conn.pings).toBe(0);
    expect(conn.terminated).toBe(false);
  });

  it('drops a socket silent for two intervals, at most a quarter interval late', () => {
    const check = createLivenessCheck(HEARTBEAT_MS, metrics);
    const conn = fakeConnection(Date.now());
    runFor(check, [conn], 1750);
    expect(conn.terminated).toBe(false);
    runFor(check, [conn], 500);
    expect(conn.terminated).toBe(true);
    expect(dropped).toBe(1);
  });

  it('answers restart the count: a silent peer that answers pings lives on', () => {
    const check = createLivenessCheck(HEARTBEAT_MS, metrics);
    const conn = fakeConnection(Date.now());
    for (let i = 0; i < 5; i++) {
      runFor(check, [conn], 1750);
      expect(conn.pings).toBe(i + 1);
      conn.heard(); // the pong
    }
    expect(conn.terminated).toBe(false);
  });

  it('drops nobody on a check that comes late after a stall of the process: its pongs are not read yet', () => {
    const check = createLivenessCheck(HEARTBEAT_MS, metrics);
    const conn = fakeConnection(Date.now());
    runFor(check, [conn], 1750);
    expect(conn.pings).toBe(1);
    // The process stalls for three intervals; the pong sits unread in the socket meanwhile.
    vi.advanceTimersByTime(3 * HEARTBEAT_MS);
    check([conn] as unknown as PlayerConnection[]);
    expect(conn.terminated).toBe(false);
    // The pong is read in the I/O phase right after: the socket lives.
    conn.heard();
    runFor(check, [conn], 1000);
    expect(conn.terminated).toBe(false);
    // A peer that really went away is dropped on the next check on time.
    runFor(check, [conn], 2000);
    expect(conn.terminated).toBe(true);
  });
});
