import type { PublicQueue } from '@glaceon/protocol';
import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useApp } from '../store/context.js';
import { queueName } from '../store/catalog-slice.js';

/** The queues Realm lists; asks for them once if nobody has yet (a screen opened straight after a reload). */
export function useQueueList(): PublicQueue[] {
  const { queues, loaded, loading, error } = useApp(useShallow((s) => s.catalog));
  const loadQueues = useApp((s) => s.loadQueues);
  useEffect(() => {
    if (!loaded && !loading && !error) void loadQueues();
  }, [loaded, loading, error, loadQueues]);
  return queues;
}

/** One queue by id (undefined until the list arrives, or for a queue the server no longer offers). */
export function useQueue(id: string | undefined): PublicQueue | undefined {
  const queues = useQueueList();
  return id === undefined ? undefined : queues.find((q) => q.id === id);
}

/** A queue's display name from the list Realm gave (its id until then). */
export function useQueueName(): (id: string) => string {
  const queues = useQueueList();
  return (id) => queueName(queues, id);
}
