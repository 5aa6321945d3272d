import type { TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import type { MessageFamily } from './common/families.js';
import { mutationsOf, schemaProblems, type Mutation } from './common/schema-mutations.js';
import { createDecoder, createMessageDecoder, DEFAULT_MAX_MESSAGE_CHARS } from './core/decode.js';
import type { ErrorCode } from './core/errors.js';
import type { Result } from './core/result.js';
import { ALL_FAMILIES } from './families.js';

/**
 * Every registered message family, attacked the same way: samples round-trip
 * through JSON, and malformed inputs derived from each schema yield the right
 * typed error. An area gets these tests by exporting `<area>Families`.
 */

interface TextDecoderLike {
  decode(value: unknown): Result<unknown, { code: ErrorCode; message: string; id?: string }>;
  decodeText(text: string, maxChars?: number): Result<unknown, { code: ErrorCode; message: string; id?: string }>;
}

const literalType = (schema: TSchema): string | undefined => {
  const c = (schema as { properties?: { type?: { const?: unknown } } }).properties?.type?.const;
  return typeof c === 'string' ? c : undefined;
};

/** The schemas a sample belongs to (tagged: the one with its `type`). */
function schemasOf(family: MessageFamily, sample: unknown): TSchema[] {
  if (family.tagged) {
    const type = (sample as { type?: unknown } | null)?.type;
    return family.schemas.filter((s) => literalType(s) === type);
  }
  return family.schemas.filter((s) => Value.Check(s, sample));
}

function decoderFor(family: MessageFamily, schema: TSchema): TextDecoderLike {
  return family.tagged ? createMessageDecoder(family.schemas) : createDecoder(schema);
}

function expectedCode(family: MessageFamily, m: Mutation): ErrorCode {
  return family.tagged && m.pointer === '/type' && typeof m.replacement === 'string' ? 'UNKNOWN_TYPE' : 'INVALID_MESSAGE';
}

const describeSchema = (schema: TSchema, i: number) => schema.$id ?? literalType(schema) ?? `schema #${i}`;

it('finds families from every area', () => {
  const names = ALL_FAMILIES.map((f) => f.name);
  expect(new Set(names).size).toBe(names.length);
  expect(names).toEqual(expect.arrayContaining(['core.documents', 'common.values', 'ticket.payload']));
  const areas = new Set(names.map((n) => n.split('.')[0]));
  expect([...areas]).toEqual(expect.arrayContaining(['core', 'common', 'ticket', 'realm', 'coral', 'fleet', 'game', 'queue']));
});

describe.each(ALL_FAMILIES.map((f) => [f.name, f] as const))('family %s', (_name, family) => {
  it('has well-formed schemas (closed objects, bounded strings, no repeated $id)', () => {
    const problems = family.schemas.flatMap((s, i) => schemaProblems(s).map((p) => `${describeSchema(s, i)} ${p}`));
    expect(problems).toEqual([]);
  });

  it('has at least one valid sample per schema, and every sample belongs to a schema', () => {
    const unsampled = family.schemas
      .map((s, i) => [s, i] as const)
      .filter(([s]) => !family.samples.some((sample) => schemasOf(family, sample).includes(s) && Value.Check(s, sample)))
      .map(([s, i]) => describeSchema(s, i));
    expect(unsampled).toEqual([]);
    const orphans = family.samples.filter((sample) => !schemasOf(family, sample).some((s) => Value.Check(s, sample)));
    expect(orphans).toEqual([]);
  });

  if (family.tagged) {
    it('tags every schema with a distinct literal type', () => {
      const types = family.schemas.map(literalType);
      expect(types.every((t) => typeof t === 'string')).toBe(true);
      expect(new Set(types).size).toBe(types.length);
    });
  }

  describe.each(family.samples.map((sample, i) => [i, sample] as const))('sample #%i', (_i, sample) => {
    const schema = schemasOf(family, sample).find((s) => Value.Check(s, sample));
    if (!schema) return; // reported by the test above
    const decoder = decoderFor(family, schema);
    const text = JSON.stringify(sample);

    it('round-trips through JSON', () => {
      const decoded = decoder.decodeText(text);
      expect(decoded).toEqual({ ok: true, value: sample });
    });

    it('rejects bad JSON', () => {
      for (const bad of [text.slice(0, -1), `${text}}`, `{${text}`, '', 'undefined', "{'a':1}"]) {
        const decoded = decoder.decodeText(bad);
        expect(decoded.ok ? 'ok' : decoded.error.code, bad).toBe('BAD_JSON');
      }
    });

    it('rejects oversized frames before parsing', () => {
      const padded = text + ' '.repeat(DEFAULT_MAX_MESSAGE_CHARS + 1 - text.length);
      const decoded = decoder.decodeText(padded);
      expect(decoded.ok ? 'ok' : decoded.error.code).toBe('PAYLOAD_TOO_LARGE');
      const tight = decoder.decodeText(text, text.length - 1);
      expect(tight.ok ? 'ok' : tight.error.code).toBe('PAYLOAD_TOO_LARGE');
    });

    if (family.tagged) {
      it('rejects an unknown type, echoing the request id', () => {
        const record = sample as Record<string, unknown>;
        const decoded = decoder.decode({ ...record, type: 'no.such.type' });
        expect(decoded.ok ? 'ok' : decoded.error.code).toBe('UNKNOWN_TYPE');
        if (!decoded.ok && typeof record.id === 'string') expect(decoded.error.id).toBe(record.id);
      });
    }

    const mutations = mutationsOf(schema, sample);
    const kinds = (kind: Mutation['kind']) => mutations.filter((m) => m.kind === kind);

    it.each(['missing', 'extra', 'wrong-type', 'oversized'] as const)('rejects every %s-field mutation with a typed error', (kind) => {
      const failures: string[] = [];
      for (const m of kinds(kind)) {
        const want = expectedCode(family, m);
        const decoded = decoder.decodeText(JSON.stringify(m.value), Number.MAX_SAFE_INTEGER);
        const got = decoded.ok ? 'accepted' : decoded.error.code;
        if (got !== want) failures.push(`${m.pointer || '/'} <- ${JSON.stringify(m.replacement)?.slice(0, 40)}: ${got}, expected ${want}`);
        // A reply to a broken request still names the request.
        const id = (sample as { id?: unknown } | null)?.id;
        if (family.tagged && !decoded.ok && typeof id === 'string' && m.pointer.startsWith('/') && !m.pointer.startsWith('/id')) {
          if (decoded.error.id !== id) failures.push(`${m.pointer}: error does not echo id ${id}`);
        }
      }
      expect(failures).toEqual([]);
    });

    it("is judged the same by the interpreting checker (the decoders' fallback under a strict CSP)", () => {
      const compiled = createDecoder(schema);
      const cases = [{ label: 'the sample', value: sample }, ...mutations.map((m) => ({ label: `${m.kind} at ${m.pointer || '/'}`, value: m.value }))];
      const disagreements = cases
        .filter(({ value }) => Value.Check(schema, value) !== compiled.decode(value).ok)
        .map(({ label, value }) => `${label}: interpreted ${Value.Check(schema, value)}, compiled ${compiled.decode(value).ok}`);
      expect(disagreements).toEqual([]);
    });
  });

  it('generates each kind of mutation somewhere in the family', () => {
    const all = family.samples.flatMap((sample) => {
      const schema = schemasOf(family, sample).find((s) => Value.Check(s, sample));
      return schema ? mutationsOf(schema, sample) : [];
    });
    const kinds = new Set(all.map((m) => m.kind));
    expect(kinds.has('wrong-type')).toBe(true);
    if (family.schemas.some((s) => s.type === 'object')) {
      expect([...kinds]).toEqual(expect.arrayContaining(['missing', 'extra']));
    }
    if (family.samples.some((s) => JSON.stringify(s).includes('"'))) expect(kinds.has('oversized')).toBe(true);
  });
});
