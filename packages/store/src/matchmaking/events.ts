/**
 * Queue events on the mode's sharded channel (SSUBSCRIBE): the one decoder, and the two
 * looks at the raw text that let a Coral skip the decode. Every Coral receives every event
 * of its modes; with K Corals most are for someone else's players.
 */
import { createMessageDecoder, queueEventSchemas, type QueueEvent } from '@glaceon/protocol';

/** Compiled once per process. */
const decoder = createMessageDecoder(queueEventSchemas);

const isEmptyObject = (v: unknown): boolean => typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0;

/** A Redis payload is input too: validate it against the protocol's schema; null when malformed. */
export function parseQueueEvent(message: string): QueueEvent | null {
  let value: unknown;
  try {
    value = JSON.parse(message);
  } catch {
    return null;
  }
  if (value && typeof value === 'object') {
    // cjson writes an empty Lua table (no players, nobody accepted yet) as {}.
    const v = value as Record<string, unknown>;
    if (isEmptyObject(v.players)) v.players = [];
    if (v.type === 'accepted' && isEmptyObject(v.accepted)) v.accepted = [];
  }
  const decoded = decoder.decode(value);
  return decoded.ok ? decoded.value : null;
}

/**
 * Whether a raw event may name a player `has` knows, without parsing it: events carry a
 * `"players":["p_…",…]` array (ids never contain quotes). False only when it surely does not.
 */
export function queueEventMayConcern(raw: string, has: (playerId: string) => boolean): boolean {
  const start = raw.indexOf('"players":[');
  if (start < 0) return false;
  const end = raw.indexOf(']', start);
  if (end < 0) return false;
  const list = raw.slice(start + 11, end);
  for (let i = list.indexOf('"'); i >= 0;) {
    const close = list.indexOf('"', i + 1);
    if (close < 0) break;
    if (has(list.slice(i + 1, close))) return true;
    i = list.indexOf('"', close + 1);
  }
  return false;
}

/**
 * Whether a raw event brings a new matchable ticket (`queued`, `requeued`), so the mode's
 * leader should tick soon. A substring test, not a parse: it runs on every event.
 */
export function queueEventWakesLeader(raw: string): boolean {
  return raw.includes('"type":"queued"') || raw.includes('"type":"requeued"');
}
