/**
 * Slot ids: a slot is one (queue, region) pair, the unit with its own hash tag `{q:<slot>}`,
 * leader lease and fencing epoch (queues-001 section 2). A slot id is a queue id, or
 * `<queueId>@<regionId>`. The store's matchmaking functions call it `mode`.
 */
import { isQueueId } from '@glaceon/protocol';

const SLOT_ID_RE = /^[a-z0-9][a-z0-9-]{1,31}(@[a-z0-9][a-z0-9-]{0,31})?$/;

/** A queue id (`2v2`) or a queue id and region id (`2v2@eu-west`). At most 65 characters. */
export function isSlotId(value: unknown): value is string {
  return typeof value === 'string' && SLOT_ID_RE.test(value) && isQueueId(value.split('@')[0]);
}
