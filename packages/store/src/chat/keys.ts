import { keys } from '../keys.js';

/**
 * Chat keys. A lobby's chat shares the lobby's tag (its append script checks
 * membership atomically); a conversation has one tag per friend pair (the two
 * ids sorted), and each player's conversation index and unread counts live in
 * the player's own slot.
 */
export const chatKeys = {
  /** Stream: the lobby's chat, capped (XADD MAXLEN); deleted with the lobby. */
  lobbyChat: (lobbyId: string) => `${keys.lobby(lobbyId)}:chat`,
  /** Stream: one friend pair's direct messages, capped. */
  conversation: (a: string, b: string) => (a < b ? `dm:{${a}:${b}}` : `dm:{${b}:${a}}`),
  /** Sorted set otherId -> time of the last message, capped: the player's conversation list. */
  recent: (playerId: string) => `${keys.player(playerId)}:dm`,
  /** Hash otherId -> unread count. */
  unread: (playerId: string) => `${keys.player(playerId)}:dm:unread`,
} as const;
