import { isIdleReason, type IdleReason } from '@glaceon/protocol';
import { t } from '../strings.js';

/** Why the lobby went idle, in the player's words; a Record so a reason added to the protocol's table needs its words here. */
const IDLE_REASON_TEXT: Record<IdleReason, string> = t.idle.reasons;

const YOU_DECLINED = t.idle.youDeclined;

const YOU_CANCELLED = t.queue.youCancelled;

/** Names who did it: the host reads "You cancelled the search", the members "The host cancelled the search". */
export function describeIdleReason(reason: string, youDeclined = false, youAreHost = false): string | null {
  if (!reason) return null;
  if (reason === 'declined' && youDeclined) return YOU_DECLINED;
  if (reason === 'cancelled' && youAreHost) return YOU_CANCELLED;
  // The wire field is a plain string: a reason newer than this client still reads sensibly.
  return isIdleReason(reason) ? IDLE_REASON_TEXT[reason] : t.idle.unknown(reason);
}

const CANCEL_TEXT: Record<string, string> = t.idle.matchCancel;

export function describeMatchCancel(reason: string, requeued: boolean, youDeclined = false): string {
  // The decliner's own lobby leaves the queue: "another player declined" would be wrong there.
  if (youDeclined) return YOU_DECLINED;
  if (reason === 'declined' && !requeued) return IDLE_REASON_TEXT.declined;
  const why = CANCEL_TEXT[reason] ?? t.idle.matchCancelled;
  return requeued ? t.idle.requeued(why) : why;
}
