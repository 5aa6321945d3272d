/**
 * Moving a waiting queue entry from one slot to another (queues-001 section 4): the
 * queue-entry protocol of coral-engine-001 run between two slots, each step a one-slot
 * script, the lobby pointer the commit point:
 *   1. ticket-move-out (source, epoch-fenced): `queued` -> `moving`, out of `waiting`.
 *   2. ticket-move-in (target): a copy of the whole entry, `starting`, new ticket id.
 *   3. lobby-repoint (lobby): compare-and-set (source slot, ticket) -> (target slot, ticket).
 *   4. ticket-move-activate (target): `starting` -> `queued`, original queuedAt.
 *   5. ticket-move-done (source): `moving` -> tombstone `moved`.
 * A crash after any step is repaired by repairMove (from either slot's sweeper, via the
 * outbox): lobby-repoint 'resolve' reads the pointer and, when the lobby still points at
 * the source, fences the commit in the lobby; then the target is fenced before the source
 * returns to the queue, so no late step of a slow mover can overtake the repair.
 */
import { GlaceonError } from '@glaceon/protocol';
import { keys } from '../keys.js';
import type { RedisClient } from '../redis.js';
import { fail } from './errors.js';
import { queueKeys } from './keys.js';
import { applyMirrors } from './mirror.js';
import { lobbyChanged } from './lobby-notify.js';
import { check, runJson } from './scripts.js';
import { isSlotId } from './slots.js';
import { arr, newId } from './util.js';

/** Bounds of the entry copied between slots (the store writes the entry; this guards a bug or a bloated hash). */
export const MAX_MOVED_FIELDS = 64;
export const MAX_MOVED_BYTES = 64 * 1024;

export interface MoveEntryInput {
  /** Source slot id (queue id or `<queueId>@<regionId>`). */
  from: string;
  /** Target slot id, another slot. */
  to: string;
  /** The entry's ticket in the source slot. */
  ticket: string;
  lobbyId: string;
  /** The source slot leader's fencing epoch: only the current leader moves its entries. */
  epoch: number;
  now?: number;
}

export type MoveEntryResult =
  /** The lobby now points at `ticket` in `to`, waiting there with its original queuedAt. */
  | { moved: true; ticket: string; queuedAt: number }
  /**
   * Nothing moved: `not_queued` (claimed, cancelled or moving meanwhile; nothing changed),
   * or `aborted` (the lobby moved on, e.g. a cancel, or a repair resolved the move first:
   * the entry is back in the source slot or gone with its lobby).
   */
  | { moved: false; reason: 'not_queued' | 'aborted' };

/** One move in flight, as the repair sees it. */
export interface MoveRef {
  from: string;
  ticket: string;
  to: string;
  toTicket: string;
  lobbyId: string;
}

/** How a repair resolved a move: `moved` (finished in the target), `stays` (back in the source), `gone` (the lobby points at neither: both halves dropped). */
export type MoveOutcome = 'moved' | 'stays' | 'gone';

/**
 * Move a `queued` entry from slot `from` to slot `to`. Fenced by the source leader's epoch
 * (STALE_EPOCH). The entry is never claimable while moving; a cancel meanwhile ends with
 * the lobby idle (cancelQueue resolves the move first).
 */
export async function moveEntry(redis: RedisClient, input: MoveEntryInput): Promise<MoveEntryResult> {
  const now = input.now ?? Date.now();
  if (!isSlotId(input.from) || !isSlotId(input.to)) fail('moveEntry', 'INVALID_MESSAGE', 'a slot id is malformed');
  if (input.from === input.to) fail('moveEntry', 'INVALID_MESSAGE', 'source and target slot are the same');
  const ref: MoveRef = { from: input.from, ticket: input.ticket, to: input.to, toTicket: newId('t_'), lobbyId: input.lobbyId };

  const step = moveSteps(redis, ref, now);

  // 1. Out of the source's waiting list (the source leader's epoch).
  const out = await step.out(input.epoch);
  if (out.r === -2) return { moved: false, reason: 'not_queued' };
  check('ticket-move-out', out);
  const fields = arr<string>(out.fields);
  const copied = JSON.stringify(fields);
  const owner = fieldOf(fields, 'lobby');
  if (owner !== ref.lobbyId) {
    // A caller's mistake: undo with the entry's own lobby (its pointer still names the source).
    if (owner) await repairMove(redis, { ...ref, lobbyId: owner }, now);
    fail('moveEntry', 'INVALID_MESSAGE', 'the ticket belongs to another lobby');
  }
  if (fields.length > 2 * MAX_MOVED_FIELDS || copied.length > MAX_MOVED_BYTES) {
    await repairMove(redis, ref, now);
    fail('moveEntry', 'PAYLOAD_TOO_LARGE', 'the queue entry is too large to move');
  }

  try {
    // 2. The copy in the target (starting). Refused only if a repair fenced it already.
    if ((await step.in(copied)).r !== 1) {
      await repairMove(redis, ref, now);
      return { moved: false, reason: 'aborted' };
    }
    // 3. The commit: the lobby points at the target.
    const repointed = await step.repoint();
    if (repointed.r !== 1) {
      await repairMove(redis, ref, now);
      return { moved: false, reason: 'aborted' };
    }
    const notified = lobbyChanged(redis, ref.lobbyId, arr<string>(repointed.members));
    // 4 and 5. Either may find a repair or a cancel was first: the move is committed regardless.
    const activated = await step.activate();
    await step.done();
    await notified;
    const queuedAt = typeof activated.queuedAt === 'number' ? activated.queuedAt : Number(fieldOf(fields, 'queuedAt'));
    return { moved: true, ticket: ref.toTicket, queuedAt };
  } catch (error) {
    // A failed round trip: resolve now rather than at the sweeper's repair (best effort).
    await repairMove(redis, ref, now).catch(() => undefined);
    throw error;
  }
}

/**
 * The five steps of one move, each one script in one slot (moveEntry runs them in order;
 * the model and cluster tests run them one by one to crash between any two).
 */
export function moveSteps(redis: RedisClient, ref: MoveRef, now: number) {
  const fromTag = queueKeys.tag(ref.from);
  const toTag = queueKeys.tag(ref.to);
  return {
    out: (epoch: number) => runJson(redis, 'ticket-move-out', [fromTag], [epoch, ref.ticket, ref.to, ref.toTicket, now]),
    in: (copiedFields: string) => runJson(redis, 'ticket-move-in', [toTag], [ref.toTicket, ref.from, ref.ticket, now, copiedFields]),
    repoint: () => runJson(redis, 'lobby-repoint', [keys.lobby(ref.lobbyId)], ['commit', ref.from, ref.ticket, ref.to, ref.toTicket]),
    activate: () => runJson(redis, 'ticket-move-activate', [toTag], [ref.toTicket, now]),
    done: () => runJson(redis, 'ticket-move-done', [fromTag], [ref.ticket, ref.toTicket, now, 'moved']),
  };
}

/**
 * Finish or undo a move left half done (a crashed or slow mover, a cancel meanwhile), from
 * whichever side sees it first. The lobby pointer decides; the other side is fenced first.
 * Idempotent, and safe to run beside the mover or another repair of the same move.
 */
export async function repairMove(redis: RedisClient, ref: MoveRef, now = Date.now()): Promise<MoveOutcome> {
  if (!isSlotId(ref.from) || !isSlotId(ref.to) || !ref.ticket || !ref.toTicket || !ref.lobbyId) {
    throw new GlaceonError('INTERNAL', `repairMove: malformed move ${JSON.stringify(ref)}`);
  }
  const fromTag = queueKeys.tag(ref.from);
  const toTag = queueKeys.tag(ref.to);
  // The lobby decides, and a lobby still at the source is fenced against a late commit.
  const resolved = check(
    'lobby-repoint',
    await runJson(redis, 'lobby-repoint', [keys.lobby(ref.lobbyId)], ['resolve', ref.from, ref.ticket, ref.to, ref.toTicket]),
  );
  const outcome = resolved.outcome as MoveOutcome;
  if (outcome === 'moved') {
    const step = moveSteps(redis, ref, now);
    await step.activate();
    await step.done();
    return outcome;
  }
  // The target half can never become live after this (a late move-in or activate is refused).
  const fenced = await runJson(redis, 'ticket-move-fence', [toTag], [ref.toTicket, now, ref.lobbyId, ref.from, ref.ticket]);
  if (outcome === 'stays') {
    // Live while the lobby never pointed at it: impossible (activation follows the commit).
    if (fenced.r === 2) throw new GlaceonError('INTERNAL', `repairMove: target ${ref.to}/${ref.toTicket} is ${String(fenced.state)} before the commit`);
    const back = await runJson(redis, 'ticket-move-back', [fromTag], [ref.ticket, ref.toTicket, now]);
    await applyMirrors(redis, ref.from, back.a, now);
  } else {
    // `gone`: the lobby was cancelled, or moved on past the target (a live target half, say
    // moving again, has its own repair). The source half can never be pointed at again.
    await runJson(redis, 'ticket-move-done', [fromTag], [ref.ticket, ref.toTicket, now, 'moved']);
  }
  return outcome;
}

/** The moves an outbox sweep returned ([role, ticket, lobby, other slot, other ticket]) as references. */
export function movesOf(slot: string, rows: unknown): MoveRef[] {
  return arr<unknown[]>(rows).flatMap((row) => {
    const [role, ticket, lobbyId, other, otherTicket] = row.map(String) as [string, string, string, string, string];
    if (!lobbyId || !other || !otherTicket) return [];
    return role === 'source'
      ? [{ from: slot, ticket, to: other, toTicket: otherTicket, lobbyId }]
      : [{ from: other, ticket: otherTicket, to: slot, toTicket: ticket, lobbyId }];
  });
}

function fieldOf(fields: readonly string[], name: string): string | undefined {
  for (let i = 0; i + 1 < fields.length; i += 2) if (fields[i] === name) return fields[i + 1];
  return undefined;
}
