import { Type, type Static } from '@sinclair/typebox';
import { buildOnyxArgv, createDecoder } from '@glaceon/protocol';

/** What the renderer asks main to launch: the three facts from `game.ready`. */
export const OnyxLaunchRequestSchema = Type.Object(
  {
    moonstone: Type.String({ pattern: '^[A-Za-z0-9.\\-]{1,253}:[0-9]{1,5}$|^\\[[0-9A-Fa-f:.]{2,45}\\]:[0-9]{1,5}$' }),
    gameId: Type.String({ pattern: '^g_[A-Za-z0-9_-]{1,64}$' }),
    ticket: Type.String({ minLength: 16, maxLength: 4096, pattern: '^[A-Za-z0-9_.-]+$' }),
  },
  { additionalProperties: false },
);
export type OnyxLaunchRequest = Static<typeof OnyxLaunchRequestSchema>;
export const onyxLaunchRequestDecoder = createDecoder(OnyxLaunchRequestSchema);

export const OnyxErrorCode = {
  PATH_UNSET: 'Set the path to the game (Onyx) in Settings first.',
  NOT_FOUND: 'The game executable was not found at the configured path.',
  NOT_A_FILE: 'The configured game path is a folder, not an executable.',
  NOT_EXECUTABLE: 'The configured game file is not executable.',
  ALREADY_RUNNING: 'The game is already running.',
  SPAWN_FAILED: 'The game could not be started.',
  INVALID_REQUEST: 'The launch request was malformed.',
} as const;
export type OnyxErrorCode = keyof typeof OnyxErrorCode;
export interface OnyxError {
  code: OnyxErrorCode;
  message: string;
}

/**
 * Onyx as main sees it. `exited` tells a clean exit (code 0), a failure
 * (non-zero code) and a kill (signal) apart; `lastLines` are redacted.
 */
export type OnyxState =
  | { status: 'idle' }
  | { status: 'running'; runId: number; gameId: string; pid: number; startedAt: number; logPath: string }
  | {
      status: 'exited';
      runId: number;
      gameId: string;
      code: number | null;
      signal: string | null;
      lastLines: string[];
      logPath: string;
      endedAt: number;
    }
  | { status: 'failed'; runId: number; gameId: string; error: OnyxError; logPath: string | null };

/**
 * The protocol's Onyx argv (one builder, shared with the Onyx stand-in's parser).
 * In 'stdin' mode the ticket stays off the command line and is written to the
 * child's standard input instead.
 */
export function onyxArgv(req: OnyxLaunchRequest, ticketMode: 'args' | 'stdin'): string[] {
  const { moonstone, gameId, ticket } = req;
  return buildOnyxArgv(ticketMode === 'args' ? { moonstone, gameId, ticket } : { moonstone, gameId, ticketStdin: true });
}
