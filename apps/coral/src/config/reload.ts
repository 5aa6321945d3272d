import { QueueConfigError, type QueueCatalog, type QueueConfig, type QueueModeId } from '@glaceon/protocol';
import { loadQueuesFile } from '@glaceon/protocol/node';
import type { CoralConfig } from './config.js';

export type QueueReload = { ok: true; opened: QueueModeId[]; closed: QueueModeId[]; open: QueueConfig[] } | { ok: false; error: string };

/**
 * Read the queue file again (SIGHUP) and work out what changes for this Coral. A bad file
 * changes nothing. `servesAll`: MODES was unset, so queues the file adds are served too.
 * On success `config.queues` and `config.modes` are updated in place (every part of this
 * Coral reads them from there); a closed queue stays in `modes` while it drains.
 */
export function reloadQueueConfig(config: CoralConfig, servesAll: boolean, load: (file: string) => QueueCatalog = loadQueuesFile): QueueReload {
  if (!config.queuesFile) return { ok: false, error: 'no queue file to reload (the configuration was built in code)' };
  let next: QueueCatalog;
  try {
    next = load(config.queuesFile);
  } catch (error) {
    if (error instanceof QueueConfigError) return { ok: false, error: error.message };
    throw error;
  }
  const before = config.queues;
  const opened = next.ids.filter((id) => !config.modes.includes(id) && servesAll);
  const closed = config.modes.filter((id) => before.has(id) && !next.has(id));
  config.queues = next;
  config.modes = [...config.modes, ...opened];
  const open = config.modes.flatMap((m) => next.get(m) ?? []);
  return { ok: true, opened, closed, open };
}
