/**
 * Entry of the matchmaker thread (worker_threads). The leaders get an event
 * loop of their own, so a burst of player traffic on the main thread (socket
 * frames, thousands of queue entries) never delays a tick's round trips: a
 * match is claimed as soon as it is possible. See
 * docs/decisions/coral-perf-002-matchmaker-thread-and-entry-gate.md.
 */
import { parentPort, workerData } from 'node:worker_threads';
import pino from 'pino';
import { startLeaders } from './leaders.js';
import type { FromThread, ThreadInit, ToThread } from './messages.js';

const port = parentPort;
if (!port) throw new Error('matchmaking/thread.ts runs as a worker thread (see host.ts)');
const init = workerData as ThreadInit;
const log = pino({ name: 'coral', level: init.logLevel, base: { coral: init.coralId, thread: 'matchmaker' } });
const post = (m: FromThread) => port.postMessage(m);

const leaders = startLeaders({
  redisUrl: init.redisUrl,
  coralId: init.coralId,
  queues: init.queues,
  tuning: init.tuning,
  log,
  // Followers tick too (to notice a free lease); only leaders' ticks carry figures.
  onTick: (mode, summary) => {
    if (summary.leader || summary.staleRejected > 0) post({ type: 'tick', mode, summary });
  },
  onCreationsDue: (mode, prematchIds) => post({ type: 'creationsDue', mode, prematchIds }),
});
if (init.draining?.length) leaders.apply([], init.draining);

let stopping = false;
port.on('message', (m: ToThread) => {
  if (m.type === 'wake') leaders.wake(m.mode);
  else if (m.type === 'queues') leaders.apply(m.open, m.closed);
  else if (m.type === 'stop' && !stopping) {
    stopping = true;
    void (async () => {
      await leaders.stop().catch((error: unknown) => log.warn({ err: error }, 'matchmaker stop failed'));
      port.close(); // nothing left on this thread's loop: it exits
    })();
  }
});
