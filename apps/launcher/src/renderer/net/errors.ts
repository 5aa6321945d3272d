import { ErrorCode, isErrorCode } from '@glaceon/protocol';
import { NetError, type NetErrorCode } from './backend.js';
import { t } from '../strings.js';

/** Words for the player, by error code; the protocol's messages are already written for people. */
const OVERRIDES: Partial<Record<NetErrorCode, string>> = {
  NETWORK: t.errors.network,
  RATE_LIMITED: t.errors.rateLimited,
  UNAUTHENTICATED: t.errors.unauthenticated,
  INVALID_MESSAGE: t.errors.invalidMessage,
};

export function describeError(error: unknown): string {
  if (error instanceof NetError || (typeof error === 'object' && error !== null && 'code' in error)) {
    const { code, message } = error as { code: string; message?: string };
    if (code === 'RATE_LIMITED') return describeRateLimit(message);
    // Bridge failures (launch, settings) carry codes of their own: the lookup just misses for them.
    const override = OVERRIDES[code as NetErrorCode];
    if (override) return override;
    if (message) return message;
    if (isErrorCode(code)) return ErrorCode[code].message;
  }
  return t.errors.generic;
}

export function errorCodeOf(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : undefined;
}

/** Realm says how long a limit lasts ("retry in 900 s"); the per-account sign-in limit is 15 minutes, not "a minute". */
function describeRateLimit(message: string | undefined): string {
  const seconds = Number(/retry in (\d+) s/.exec(message ?? '')?.[1]);
  if (!Number.isFinite(seconds) || seconds <= 0) return OVERRIDES.RATE_LIMITED!;
  const wait = seconds >= 90 ? t.errors.waitMinutes(Math.ceil(seconds / 60)) : seconds === 1 ? t.errors.waitOneSecond : t.errors.waitSeconds(seconds);
  return t.errors.rateLimitedFor(wait);
}
