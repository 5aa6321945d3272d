import type { PublicQueue, QueueRegion } from '@glaceon/protocol';
import { describeError } from '../net/errors.js';
import { patchSlice } from './patch.js';
import type { SliceCreator } from './types.js';

/**
 * The queues Realm offers (GET /v1/queues). Nothing about a queue is compiled
 * into the launcher: names, team shapes, party sizes and ready-check times all
 * come from this list, so a queue added to the server's configuration shows up
 * here with no code change.
 */
export interface CatalogSlice {
  catalog: { queues: PublicQueue[]; regions: QueueRegion[]; loaded: boolean; loading: boolean; error: string | null };
  loadQueues(): Promise<void>;
}

export const initialCatalog: CatalogSlice['catalog'] = { queues: [], regions: [], loaded: false, loading: false, error: null };

export const createCatalogSlice: SliceCreator<CatalogSlice> =
  ({ backend }) =>
  (set, get) => ({
    catalog: initialCatalog,
    async loadQueues() {
      if (get().catalog.loading) return;
      patchSlice(set, 'catalog', { loading: true, error: null });
      try {
        const list = await backend.queues();
        patchSlice(set, 'catalog', { queues: list.queues, regions: list.regions, loaded: true, loading: false });
      } catch (error) {
        patchSlice(set, 'catalog', { loading: false, error: describeError(error) });
      }
    },
  });

/** A queue's display name; its id when the list does not (or no longer) know it. */
export function queueName(queues: readonly PublicQueue[], id: string): string {
  return queues.find((q) => q.id === id)?.name ?? id;
}

/** The largest party a queue takes (its lobby's member cap); undefined for an unknown queue. */
export function maxParty(queue: PublicQueue | undefined): number | undefined {
  return queue ? Math.max(...queue.partySizes) : undefined;
}
