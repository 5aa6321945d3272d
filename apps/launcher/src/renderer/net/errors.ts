import { ErrorCode, isErrorCode } from '@glaceon/protocol';
import { NetError } from './backend.js';

/** Words for the player, by error code; the protocol's messages are already written for people. */
const OVERRIDES: Partial<Record<string, string>> = {
  NETWORK: 'Cannot reach the server. Check your connection, or the server address in Settings.',
  RATE_LIMITED: 'Too many attempts. Wait a minute, then try again.',
  UNAUTHENTICATED: 'Your session has ended. Please sign in again.',
  INVALID_MESSAGE: 'Something in that request was not accepted. Check the fields and try again.',
};

export function describeError(error: unknown): string {
  if (error instanceof NetError || (typeof error === 'object' && error !== null && 'code' in error)) {
    const { code, message } = error as { code: string; message?: string };
    if (OVERRIDES[code]) return OVERRIDES[code]!;
    if (message) return message;
    if (isErrorCode(code)) return ErrorCode[code].message;
  }
  return 'Something went wrong. Please try again.';
}

export function errorCodeOf(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : undefined;
}
