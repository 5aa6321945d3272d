import type { FriendsView, InviteTokenInfo, Lobby } from '@glaceon/protocol';
import type { AppState, StoreDeps } from './types.js';

/**
 * The last lobby, invite link and friends the server confirmed, kept in the page's
 * sessionStorage (it survives a reload, not a restart, and stays in this window). After a
 * reload during an outage the launcher shows them marked stale instead of a Home screen
 * that would be wrong; Realm's snapshot replaces them as soon as it answers. The invite
 * token is kept for the same reason: Realm stores invites hashed, so a reload could not
 * show the link again otherwise. The session token is never written here.
 */
export interface LastKnown {
  playerId: string;
  lobby: Lobby | null;
  coralUrl: string | null;
  invite: InviteTokenInfo | null;
  friends: FriendsView | null;
  at: number;
}

const KEY = 'glaceon:last-known';
const MAX_CHARS = 256 * 1024;

export function saveLastKnown(memory: StoreDeps['memory'], state: AppState, at: number): void {
  const me = state.session.me;
  if (!memory || !me || state.session.status !== 'signed-in') return;
  const value: LastKnown = {
    playerId: me.id,
    lobby: state.lobby.current,
    coralUrl: state.lobby.coralUrl,
    invite: state.lobby.invite,
    friends: state.friends.view,
    at,
  };
  const text = JSON.stringify(value);
  try {
    if (text.length <= MAX_CHARS) memory.setItem(KEY, text);
  } catch {
    // Storage full or disabled: a reload then starts from the server's snapshot, as before.
  }
}

export function loadLastKnown(memory: StoreDeps['memory'], playerId: string): LastKnown | null {
  try {
    const text = memory?.getItem(KEY);
    if (!text || text.length > MAX_CHARS) return null;
    const value = JSON.parse(text) as Partial<LastKnown>;
    // Another account's leftovers are never shown.
    if (value.playerId !== playerId || typeof value.at !== 'number') return null;
    return {
      playerId,
      lobby: value.lobby ?? null,
      coralUrl: value.coralUrl ?? null,
      invite: value.invite ?? null,
      friends: value.friends ?? null,
      at: value.at,
    };
  } catch {
    return null;
  }
}

export function forgetLastKnown(memory: StoreDeps['memory']): void {
  try {
    memory?.removeItem(KEY);
  } catch {
    // nothing kept
  }
}
