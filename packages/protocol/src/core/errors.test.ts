import { describe, expect, it } from 'vitest';
import { closeCodeOf, ERROR_CODES, ErrorCode, errorBody, GlaceonError, httpStatusOf, isErrorCode } from './errors.js';
import { createDecoder } from './decode.js';
import { ErrorBodySchema } from './error-body.js';

describe('the error-code table', () => {
  it.each(ERROR_CODES)('%s has a valid HTTP status and the derived close code', (code) => {
    const status = httpStatusOf(code);
    expect(Number.isInteger(status)).toBe(true);
    expect(status >= 400 && status <= 599).toBe(true);
    expect(closeCodeOf(code)).toBe(4000 + status);
    // 4000-4999 is the application range of WebSocket close codes (RFC 6455 §7.4.2).
    expect(closeCodeOf(code)).toBeGreaterThanOrEqual(4000);
    expect(closeCodeOf(code)).toBeLessThanOrEqual(4999);
    expect(ErrorCode[code].message.length).toBeGreaterThan(0);
    expect(isErrorCode(code)).toBe(true);
  });

  it('recognises only its own codes', () => {
    for (const v of ['toString', 'constructor', '__proto__', 'bad_json', '', 1, null]) expect(isErrorCode(v)).toBe(false);
  });

  it('turns a GlaceonError into a body that matches the error-body schema', () => {
    const decoder = createDecoder(ErrorBodySchema);
    const e = new GlaceonError('LOBBY_FULL');
    expect(e.status).toBe(409);
    expect(e.toBody()).toEqual({ code: 'LOBBY_FULL', message: 'The lobby is full.' });
    expect(decoder.decode(e.toBody()).ok).toBe(true);
    expect(decoder.decode(errorBody('INVALID_MESSAGE', 'x', '/a')).ok).toBe(true);
    expect(decoder.decode({ code: 'NOPE', message: 'x' }).ok).toBe(false);
  });

  it('builds an expected refusal without a stack trace, and leaves the stack limit as it was', () => {
    const before = Error.stackTraceLimit;
    const e = GlaceonError.refusal('BUSY', 'Matchmaking is busy.', '/x');
    expect(e).toBeInstanceOf(GlaceonError);
    expect(e.toBody()).toEqual({ code: 'BUSY', message: 'Matchmaking is busy.', path: '/x' });
    expect(e.stack?.split('\n').filter((l) => l.trim().startsWith('at '))).toEqual([]);
    expect(new GlaceonError('BUSY').stack?.split('\n').some((l) => l.trim().startsWith('at '))).toBe(true);
    expect(Error.stackTraceLimit).toBe(before);
  });
});
