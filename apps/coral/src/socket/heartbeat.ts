import type { CoralMetrics } from '../metrics/metrics.js';
import type { PlayerConnection } from './connection.js';

/** The liveness check runs this many times per heartbeat interval. */
const CHECKS_PER_INTERVAL = 4;
/** A socket silent this many intervals is pinged (a live Coraline speaks before: see below). */
const PING_AFTER_INTERVALS = 1.75;

/** How often the liveness check runs for a heartbeat interval. */
export function heartbeatCheckMs(heartbeatMs: number): number {
  return Math.max(10, Math.floor(heartbeatMs / CHECKS_PER_INTERVAL));
}

/**
 * Liveness of the player sockets, judged by silence rather than by a ping every interval:
 * - a socket silent (no frame, no pong) for 1.75 intervals is pinged once;
 * - a socket silent for two intervals, and pinged at least a check ago, is dropped (dead within
 *   2.25 intervals; 2 before).
 * A peer that speaks is never pinged. Coraline sends its own `ping` once Coral has been silent
 * for an interval (it looks every half interval), so an idle launcher is heard within 1.5
 * intervals, a quarter before Coral would ping it, and its exchange is the only one: a ping at
 * one interval raced it and most idle sockets carried both. The pings also go out as sockets fall silent, spread over the
 * interval, instead of to every socket at once (one write per socket in one turn, which
 * stalled the loop every interval).
 */
export function createLivenessCheck(heartbeatMs: number, metrics: Pick<CoralMetrics, 'droppedPeers'>): (connections: Iterable<PlayerConnection>) => void {
  const everyMs = heartbeatCheckMs(heartbeatMs);
  let lastCheckAt = Date.now();
  return (connections) => {
    const now = Date.now();
    // A check that comes late follows a stall of this process: the pongs and frames that arrived
    // meanwhile are not read yet (timers run before I/O). Nobody is dropped on this check.
    const late = now - lastCheckAt > 2 * everyMs;
    lastCheckAt = now;
    for (const conn of connections) {
      if (conn.closed) continue;
      const silentMs = now - conn.heardAt;
      if (conn.pingedAt === undefined) {
        if (silentMs < PING_AFTER_INTERVALS * heartbeatMs) continue;
        conn.pingedAt = now;
        try {
          conn.ws.ping();
        } catch {
          conn.terminate();
        }
      } else if (silentMs >= 2 * heartbeatMs && now - conn.pingedAt >= everyMs && !late) {
        // Pinged at least one check ago (never dropped unasked, even after a stall) and still silent.
        metrics.droppedPeers.inc({ reason: 'heartbeat' });
        conn.terminate();
      }
    }
  };
}
