import { Type, type Static } from '@sinclair/typebox';
import type { QueueId } from './config.js';

/**
 * A queue slot: the unit of matchmaking in Redis (its own hash tag `{q:<slot>}`, waiting list,
 * lease and fencing epoch). One per (queue, region) when the queue file has regions:
 * `<queueId>@<regionId>`; just `<queueId>` when it has none, so a file without regions keeps
 * every key as before. The store's "mode" arguments and a lobby's `queueMode` are slot ids;
 * the lobby's `mode` stays the queue id. Design: docs/decisions/queues-001 (section 2).
 */
export const SLOT_ID_PATTERN = '^[a-z0-9][a-z0-9-]{1,31}(@[a-z0-9][a-z0-9-]{0,31})?$';
const SLOT_ID_RE = new RegExp(SLOT_ID_PATTERN);
/** Longest slot id: a 32-character queue id, `@`, a 32-character region id. */
export const MAX_SLOT_ID_LENGTH = 65;

export const QueueSlotIdSchema = Type.String({
  pattern: SLOT_ID_PATTERN,
  minLength: 2,
  maxLength: MAX_SLOT_ID_LENGTH,
  description: 'Queue slot id: <queue> or <queue>@<region>',
});
export type QueueSlotId = Static<typeof QueueSlotIdSchema>;

export function isSlotId(value: unknown): value is QueueSlotId {
  return typeof value === 'string' && value.length <= MAX_SLOT_ID_LENGTH && SLOT_ID_RE.test(value);
}

export interface ParsedSlot {
  queue: QueueId;
  /** Absent when the queue file has no regions. */
  region?: string;
}

/** The queue and region of a slot id; null when it is not one. */
export function parseSlotId(value: unknown): ParsedSlot | null {
  if (!isSlotId(value)) return null;
  const at = value.indexOf('@');
  return at < 0 ? { queue: value } : { queue: value.slice(0, at), region: value.slice(at + 1) };
}

/** The queue id of a slot id (the whole string when it is not a slot id: callers validate first). */
export function queueOfSlot(slot: string): QueueId {
  const at = slot.indexOf('@');
  return at < 0 ? slot : slot.slice(0, at);
}

/** The region of a slot id, or undefined when it has none. */
export function regionOfSlot(slot: string): string | undefined {
  const at = slot.indexOf('@');
  return at < 0 ? undefined : slot.slice(at + 1);
}

export function slotIdOf(queue: QueueId, region?: string): QueueSlotId {
  return region ? `${queue}@${region}` : queue;
}

/** Every slot of one queue: one per region it runs in, or the queue id alone when it has none. */
export function slotsOfQueue(queue: { id: QueueId; regions: readonly string[] }): QueueSlotId[] {
  return queue.regions.length === 0 ? [queue.id] : queue.regions.map((r) => slotIdOf(queue.id, r));
}

/**
 * The latency a lobby accepts after waiting `waitedMs`: `min(capMs, maxMs + widenPerSecond * s)`
 * (docs/queues.md, "Regions").
 */
export function latencyLimitMs(rules: { maxMs: number; widenPerSecond: number; capMs: number }, waitedMs: number): number {
  return Math.min(rules.capMs, rules.maxMs + (rules.widenPerSecond * Math.max(0, waitedMs)) / 1000);
}
