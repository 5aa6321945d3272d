/** Queue events on the mode's sharded channel: parse what a Coral receives (SSUBSCRIBE). */
import { isQueueModeId } from '@glaceon/protocol';
import type { QueueEvent } from './types.js';

const EVENT_TYPES = new Set(['queued', 'left', 'requeued', 'prematch', 'accepted', 'ready_failed', 'game_creating', 'game_ready', 'game_over']);

/** A Redis payload is input too: validate the envelope, null when malformed. */
export function parseQueueEvent(message: string): QueueEvent | null {
  let value: unknown;
  try {
    value = JSON.parse(message);
  } catch {
    return null;
  }
  if (!value || typeof value !== 'object') return null;
  const v = value as Record<string, unknown>;
  if (typeof v.e !== 'string' || !EVENT_TYPES.has(v.e) || !isQueueModeId(v.mode)) return null;
  // cjson writes an empty array as {}.
  if (!Array.isArray(v.players)) v.players = [];
  if (!(v.players as unknown[]).every((p) => typeof p === 'string')) return null;
  if (v.e === 'accepted' && !Array.isArray(v.accepted)) v.accepted = [];
  return v as unknown as QueueEvent;
}
