/** The stand-in's exit codes (the launcher reads them; documented in docs/moonstone-contract.md). */
export const ONYX_EXIT = {
  /** The game ended (completed or abandoned). */
  GAME_OVER: 0,
  /** Bad command line. */
  USAGE: 2,
  /** The server refused us: bad, expired or used ticket, unknown game, wrong version. */
  REFUSED: 3,
  /** The server could not be reached (connection refused, timeout, bad address). */
  UNREACHABLE: 4,
  /** Joined, then lost the game: the connection dropped or the server was lost. */
  CONNECTION_LOST: 5,
  /** Interrupted (SIGINT/SIGTERM): we left the game. */
  INTERRUPTED: 130,
} as const;
export type OnyxExitCode = (typeof ONYX_EXIT)[keyof typeof ONYX_EXIT];
