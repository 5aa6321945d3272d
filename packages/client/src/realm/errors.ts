import { isErrorCode, type ErrorCode } from '@glaceon/protocol';

/** A Realm call that failed: the server's typed error, or a transport/protocol problem mapped to a code. */
export class RealmRequestError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly path: string | undefined;
  constructor(code: ErrorCode, message: string, status: number, path?: string) {
    super(message);
    this.name = 'RealmRequestError';
    this.code = code;
    this.status = status;
    this.path = path;
  }
}

export function toRealmError(status: number, body: unknown): RealmRequestError {
  if (body && typeof body === 'object') {
    const b = body as { code?: unknown; message?: unknown; path?: unknown };
    if (isErrorCode(b.code)) {
      return new RealmRequestError(b.code, typeof b.message === 'string' ? b.message : b.code, status, typeof b.path === 'string' ? b.path : undefined);
    }
  }
  return new RealmRequestError(status >= 500 ? 'UNAVAILABLE' : 'INTERNAL', `Unexpected response (HTTP ${status}).`, status);
}
