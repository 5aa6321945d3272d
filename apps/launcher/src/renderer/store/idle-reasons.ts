import { isIdleReason, type IdleReason, type Lobby } from '@glaceon/protocol';
import { t } from '../strings.js';

/** Why the lobby went idle, in the player's words; a Record so a reason added to the protocol's table needs its words here. */
const IDLE_REASON_TEXT: Record<IdleReason, string> = t.idle.reasons;

const YOU_DECLINED = t.idle.youDeclined;

const YOU_CANCELLED = t.queue.youCancelled;

/** Who caused it (the lobby's `idleBy`, #15): their names, and whether it was you. */
export interface Culprits {
  names: string[];
  you: boolean;
}

/**
 * Names who did it: "Ana left the queue", "You cancelled the search", "Ana declined the match". Without
 * `who` (an older server, or names not known here) the reason alone, as before.
 */
export function describeIdleReason(reason: string, youDeclined = false, youAreHost = false, who: Culprits | null = null): string | null {
  if (!reason) return null;
  if (reason === 'declined' && (youDeclined || who?.you)) return YOU_DECLINED;
  if (reason === 'cancelled' && (who ? who.you : youAreHost)) return YOU_CANCELLED;
  const names = who?.names ?? [];
  if (names.length > 0) {
    const list = t.idle.names(names);
    if (reason === 'cancelled') return t.idle.leftQueue(list);
    if (reason === 'declined') return t.idle.namedDeclined(list);
    if (reason === 'timeout') return t.idle.namedTimeout(list);
    if (reason === 'member_left') return t.idle.namedMemberLeft(list);
  }
  // The wire field is a plain string: a reason newer than this client still reads sensibly.
  return isIdleReason(reason) ? IDLE_REASON_TEXT[reason] : t.idle.unknown(reason);
}

/** The culprits of a lobby's idle reason, named from the names this launcher has seen (a member who left is no longer in the lobby). */
export function culpritsOf(lobby: Lobby, me: string | undefined, names: Record<string, string>): Culprits | null {
  const ids = lobby.idleBy ?? [];
  if (ids.length === 0) return null;
  const known = (id: string) => lobby.members.find((m) => m.id === id)?.name ?? names[id];
  return {
    you: me !== undefined && ids.includes(me),
    names: ids.filter((id) => id !== me).flatMap((id) => (known(id) ? [known(id)!] : [])),
  };
}

const CANCEL_TEXT: Record<string, string> = t.idle.matchCancel;

export function describeMatchCancel(reason: string, requeued: boolean, youDeclined = false, byNames: readonly string[] = []): string {
  // The decliner's own lobby leaves the queue: "another player declined" would be wrong there.
  if (youDeclined) return YOU_DECLINED;
  const list = byNames.length > 0 ? t.idle.names(byNames) : null;
  if (reason === 'declined' && !requeued) return list ? t.idle.namedDeclined(list) : IDLE_REASON_TEXT.declined;
  if (reason === 'timeout' && !requeued && list) return t.idle.namedTimeout(list);
  const why =
    list && reason === 'declined'
      ? t.idle.otherDeclined(list)
      : list && reason === 'timeout'
        ? t.idle.otherTimeout(list)
        : (CANCEL_TEXT[reason] ?? t.idle.matchCancelled);
  return requeued ? t.idle.requeued(why) : why;
}
