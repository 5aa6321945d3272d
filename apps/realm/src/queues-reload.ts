import type { FastifyBaseLogger } from 'fastify';
import { QueueConfigError } from '@glaceon/protocol';
import { loadQueuesFile } from '@glaceon/protocol/node';
import type { RealmConfig } from './config.js';

/**
 * Apply a changed queue file (SIGHUP). Validated first: a bad file is logged
 * and ignored, the queues in use stay. Realm keeps no per-queue state, so the
 * swap is all it takes: new lobbies and GET /v1/queues see the new list at once.
 */
export function reloadQueues(config: RealmConfig, log: FastifyBaseLogger): boolean {
  if (!config.queuesFile) return false;
  try {
    const next = loadQueuesFile(config.queuesFile);
    const before = new Set(config.queues.ids);
    config.queues = next;
    log.info(
      { queues: next.ids, opened: next.ids.filter((id) => !before.has(id)), closed: [...before].filter((id) => !next.has(id)) },
      'queue configuration reloaded',
    );
    return true;
  } catch (error) {
    if (!(error instanceof QueueConfigError)) throw error;
    log.error(`queue configuration reload refused, keeping the current queues: ${error.message}`);
    return false;
  }
}
