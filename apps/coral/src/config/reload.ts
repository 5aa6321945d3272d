import { QueueConfigError, queueOfSlot, slotsOfQueue, type QueueCatalog, type QueueConfig, type QueueModeId } from '@glaceon/protocol';
import { loadQueuesFile } from '@glaceon/protocol/node';
import type { CoralConfig } from './config.js';

export type QueueReload =
  | {
      ok: true;
      /** Queue ids this Coral starts serving. */
      opened: QueueModeId[];
      /** Queue ids that drain, and slots of kept queues whose region the file no longer lists. */
      closed: QueueModeId[];
      open: QueueConfig[];
      /** Slots to subscribe to now (of opened queues, and regions added to kept ones). */
      openedSlots: QueueModeId[];
    }
  | { ok: false; error: string };

/**
 * The queue slots (the store's modes) a Coral serves: every slot of each served queue (one
 * per region it runs in, or the queue id alone), plus slots still draining after a reload.
 */
export function servedSlots(config: Pick<CoralConfig, 'queues' | 'modes' | 'drainingSlots'>): QueueModeId[] {
  const live = config.modes.flatMap((m) => {
    const q = config.queues.get(m);
    return q ? slotsOfQueue(q) : [];
  });
  return [...new Set([...live, ...(config.drainingSlots ?? [])])];
}

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
  const slotsBefore = servedSlots(config);
  const opened = next.ids.filter((id) => !config.modes.includes(id) && servesAll);
  const closed: QueueModeId[] = config.modes.filter((id) => before.has(id) && !next.has(id));
  config.queues = next;
  config.modes = [...config.modes, ...opened];
  const open = config.modes.flatMap((m) => next.get(m) ?? []);
  const liveSlots = open.flatMap((q) => slotsOfQueue(q));
  // A kept queue that no longer runs in a region: that slot drains like a removed queue.
  const closedSlots = slotsBefore.filter((s) => !liveSlots.includes(s) && !closed.includes(queueOfSlot(s)));
  config.drainingSlots = [...new Set([...(config.drainingSlots ?? []), ...slotsBefore.filter((s) => !liveSlots.includes(s))])].filter(
    (s) => !liveSlots.includes(s),
  );
  const openedSlots = liveSlots.filter((s) => !slotsBefore.includes(s));
  return { ok: true, opened, closed: [...closed, ...closedSlots], open, openedSlots };
}
