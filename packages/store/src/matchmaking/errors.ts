/** Negative script replies -> typed errors naming the command. */
import { GlaceonError, type ErrorCode } from '@glaceon/protocol';

export function fail(command: string, code: ErrorCode, detail?: string): never {
  throw new GlaceonError(code, detail ? `${command}: ${detail}` : undefined);
}

/** Per-command table of negative reply codes. */
export const REPLY_CODES = {
  lobbyEnqueue: { [-1]: 'NOT_FOUND', [-2]: 'NOT_IN_LOBBY', [-3]: 'NOT_HOST', [-4]: 'LOBBY_NOT_IDLE', [-5]: 'PARTY_TOO_LARGE', [-6]: 'WRONG_STATE' },
  readyCheck: { [-1]: 'NOT_FOUND', [-2]: 'FORBIDDEN', [-3]: 'WRONG_STATE', [-4]: 'WRONG_STATE' },
  game: { [-1]: 'NOT_FOUND', [-4]: 'WRONG_STATE' },
} as const satisfies Record<string, Record<number, ErrorCode>>;

export function failWith(command: string, table: Record<number, ErrorCode>, r: number): never {
  fail(command, table[r] ?? 'INTERNAL', `reply ${r}`);
}
