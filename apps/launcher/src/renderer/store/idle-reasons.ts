import { isIdleReason, type IdleReason } from '@glaceon/protocol';

/** Why the lobby went idle, in the player's words; a Record so a reason added to the protocol's table needs its words here. */
const IDLE_REASON_TEXT: Record<IdleReason, string> = {
  cancelled: 'The host cancelled the search.',
  declined: 'A player in your lobby declined the match, so the lobby left the queue.',
  timeout: 'A player in your lobby did not accept in time, so the lobby left the queue.',
  game_over: 'The game is over.',
  member_left: 'A member left, so the lobby left the queue.',
  host_away: 'The host was away too long, so the lobby left the queue.',
  server_lost: 'The game server was lost. The game has ended.',
};

const YOU_DECLINED = 'You declined the match, so your lobby left the queue.';

const YOU_CANCELLED = 'You cancelled the search.';

/** Names who did it: the host reads "You cancelled the search", the members "The host cancelled the search". */
export function describeIdleReason(reason: string, youDeclined = false, youAreHost = false): string | null {
  if (!reason) return null;
  if (reason === 'declined' && youDeclined) return YOU_DECLINED;
  if (reason === 'cancelled' && youAreHost) return YOU_CANCELLED;
  // The wire field is a plain string: a reason newer than this client still reads sensibly.
  return isIdleReason(reason) ? IDLE_REASON_TEXT[reason] : `The lobby is idle (${reason}).`;
}

const CANCEL_TEXT: Record<string, string> = {
  declined: 'Another player declined.',
  timeout: 'Not everyone accepted in time.',
  cancelled: 'The match was cancelled.',
  no_server: 'No game server became free in time.',
};

export function describeMatchCancel(reason: string, requeued: boolean, youDeclined = false): string {
  // The decliner's own lobby leaves the queue: "another player declined" would be wrong there.
  if (youDeclined) return YOU_DECLINED;
  if (reason === 'declined' && !requeued) return IDLE_REASON_TEXT.declined;
  const why = CANCEL_TEXT[reason] ?? 'The match was cancelled.';
  return requeued ? `${why} You are back in the queue with your original queue time.` : why;
}
