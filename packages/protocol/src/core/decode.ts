import type { Static, TSchema } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { Value } from '@sinclair/typebox/value';
import { errorBody, type ProtocolErrorBody } from './errors.js';
import { err, ok, type Result } from './result.js';

/** Default cap on one text frame or body handed to a decoder (bytes of UTF-16 text, close enough). */
export const DEFAULT_MAX_MESSAGE_CHARS = 64 * 1024;

interface Checker<T> {
  check(value: unknown): value is T;
  firstError(value: unknown): { path: string; message: string } | undefined;
}

/**
 * TypeBox's compiler generates code with `new Function`, which a strict
 * Content-Security-Policy (the launcher's renderer) forbids. Fall back to the
 * interpreting checker there: slower, same answers.
 */
const canCompile = (() => {
  try {
    return new Function('return true')() === true;
  } catch {
    return false;
  }
})();

function makeChecker<S extends TSchema>(schema: S): Checker<Static<S>> {
  if (canCompile) {
    const compiled = TypeCompiler.Compile(schema);
    return {
      check: (v): v is Static<S> => compiled.Check(v),
      firstError: (v) => {
        const e = compiled.Errors(v).First();
        return e && { path: e.path, message: e.message };
      },
    };
  }
  return {
    check: (v): v is Static<S> => Value.Check(schema, v),
    firstError: (v) => {
      const e = Value.Errors(schema, v).First();
      return e && { path: e.path, message: e.message };
    },
  };
}

export interface Decoder<T> {
  /** Validate an already-parsed value. */
  decode(value: unknown): Result<T>;
  /** Parse JSON text, then validate. */
  decodeText(text: string, maxChars?: number): Result<T>;
  readonly schema: TSchema;
}

function invalid(path: string, message: string): ProtocolErrorBody {
  return errorBody('INVALID_MESSAGE', `${path || '/'}: ${message}`, path || '/');
}

export function parseJsonText(text: string, maxChars = DEFAULT_MAX_MESSAGE_CHARS): Result<unknown> {
  if (typeof text !== 'string') return err(errorBody('BAD_JSON', 'Expected a JSON text.'));
  if (text.length > maxChars) return err(errorBody('PAYLOAD_TOO_LARGE', `The message exceeds ${maxChars} characters.`));
  try {
    return ok(JSON.parse(text) as unknown);
  } catch {
    return err(errorBody('BAD_JSON'));
  }
}

/** A decoder for one schema (HTTP bodies, Redis payloads read back, tickets). */
export function createDecoder<S extends TSchema>(schema: S): Decoder<Static<S>> {
  const checker = makeChecker(schema);
  const decode = (value: unknown): Result<Static<S>> => {
    if (checker.check(value)) return ok(value);
    const e = checker.firstError(value);
    return err(invalid(e?.path ?? '', e?.message ?? 'invalid'));
  };
  return {
    schema,
    decode,
    decodeText(text, maxChars) {
      const parsed = parseJsonText(text, maxChars);
      return parsed.ok ? decode(parsed.value) : parsed;
    },
  };
}

/**
 * A decoder for a union of messages tagged by a literal `type` property.
 * An unknown `type` is UNKNOWN_TYPE; a known one failing its schema is
 * INVALID_MESSAGE naming the path. The request `id`, when it can be read, is
 * returned with the error so the reply can echo it.
 */
export interface MessageDecoder<T> {
  decode(value: unknown): Result<T, ProtocolErrorBody & { id?: string }>;
  decodeText(text: string, maxChars?: number): Result<T, ProtocolErrorBody & { id?: string }>;
  readonly types: readonly string[];
}

export function createMessageDecoder<S extends TSchema>(schemas: readonly S[]): MessageDecoder<Static<S>> {
  const byType = new Map<string, Checker<Static<S>>>();
  for (const schema of schemas) {
    const literal = (schema as { properties?: { type?: { const?: unknown } } }).properties?.type?.const;
    if (typeof literal !== 'string') throw new Error('Every message schema needs a literal "type" property.');
    if (byType.has(literal)) throw new Error(`Duplicate message type: ${literal}`);
    byType.set(literal, makeChecker(schema));
  }
  const decode = (value: unknown): Result<Static<S>, ProtocolErrorBody & { id?: string }> => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return err(errorBody('INVALID_MESSAGE', 'A message must be a JSON object.', '/'));
    }
    const record = value as Record<string, unknown>;
    const id = typeof record.id === 'string' && record.id.length <= 64 ? record.id : undefined;
    const withId = (e: ProtocolErrorBody) => (id === undefined ? e : { ...e, id });
    if (typeof record.type !== 'string') return err(withId(invalid('/type', 'Expected a string message type.')));
    const checker = byType.get(record.type);
    if (!checker) return err(withId(errorBody('UNKNOWN_TYPE', `Unknown message type "${record.type.slice(0, 64)}".`, '/type')));
    if (checker.check(value)) return ok(value);
    const e = checker.firstError(value);
    return err(withId(invalid(e?.path ?? '', e?.message ?? 'invalid')));
  };
  return {
    types: [...byType.keys()],
    decode,
    decodeText(text, maxChars) {
      const parsed = parseJsonText(text, maxChars);
      return parsed.ok ? decode(parsed.value) : parsed;
    },
  };
}
