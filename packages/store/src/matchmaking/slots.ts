/**
 * Slot ids: a slot is one (queue, region) pair, the unit with its own hash tag `{q:<slot>}`,
 * leader lease and fencing epoch (queues-001 section 2). A slot id is a queue id, or
 * `<queueId>@<regionId>`; the store's matchmaking functions call it `mode`. The rule lives in
 * the protocol (queue/slot.ts); the store re-exports it for its own modules.
 */
export { isSlotId } from '@glaceon/protocol';
