/** Typed errors for matchmaking checks made in TypeScript (a script's negative status goes through MATCHMAKING_ERRORS). */
import { GlaceonError, type ErrorCode } from '@glaceon/protocol';

export function fail(command: string, code: ErrorCode, detail?: string): never {
  throw new GlaceonError(code, detail ? `${command}: ${detail}` : undefined);
}
