import { Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import { EXTRA_FIELD, mutationsOf, OVERSIZED_STRING_CHARS, schemaProblems } from './schema-mutations.js';

const Inner = Type.Object({ d: Type.Boolean() }, { additionalProperties: false });
const Schema = Type.Object(
  {
    a: Type.String({ maxLength: 5 }),
    b: Type.Optional(Type.Integer()),
    c: Type.Array(Inner),
    e: Type.Union([Type.Literal('x'), Type.Null()]),
  },
  { additionalProperties: false },
);
const sample = { a: 'hi', b: 3, c: [{ d: true }], e: null };

describe('mutationsOf', () => {
  const mutations = mutationsOf(Schema, sample);
  const at = (kind: string) => mutations.filter((m) => m.kind === kind).map((m) => m.pointer);

  it('derives missing, extra, wrong-type and oversized inputs at every position the sample reaches', () => {
    expect(at('missing').sort()).toEqual(['/a', '/c', '/c/0/d', '/e']);
    expect(at('extra').sort()).toEqual([`/${EXTRA_FIELD}`, `/c/0/${EXTRA_FIELD}`]);
    expect(at('oversized')).toEqual(['/a']);
    expect(new Set(at('wrong-type'))).toEqual(new Set(['', '/a', '/b', '/c', '/c/0', '/c/0/d', '/e']));
    const long = mutations.find((m) => m.kind === 'oversized')!.replacement as string;
    expect(long.length).toBe(OVERSIZED_STRING_CHARS);
  });

  it('produces only inputs the schema rejects, leaving the sample untouched', () => {
    expect(mutations.length).toBeGreaterThan(30);
    for (const m of mutations) expect(Value.Check(Schema, m.value), `${m.kind} ${m.pointer}`).toBe(false);
    expect(sample).toEqual({ a: 'hi', b: 3, c: [{ d: true }], e: null });
  });

  it('treats an integer field given a float as a wrong type, and a number field given an integer as fine', () => {
    const b = mutations.filter((m) => m.pointer === '/b').map((m) => m.replacement);
    expect(b).toContain(12.5);
    expect(b).not.toContain(7);
    const n = mutationsOf(Type.Object({ n: Type.Number() }, { additionalProperties: false }), { n: 1 });
    expect(n.filter((m) => m.pointer === '/n').map((m) => m.replacement)).not.toContain(7);
  });

  it('keeps a change inside a union only when the whole union rejects it', () => {
    const U = Type.Union([
      Type.Object({ k: Type.String({ maxLength: 3 }) }, { additionalProperties: false }),
      Type.Object({}, { additionalProperties: false }),
    ]);
    const ms = mutationsOf(U, { k: 'ab' });
    // Removing `k` lands in the second branch: not a rejection.
    expect(ms.some((m) => m.kind === 'missing')).toBe(false);
    for (const m of ms) expect(Value.Check(U, m.value)).toBe(false);
  });
});

describe('schemaProblems', () => {
  it('accepts a schema that follows the rules', () => {
    expect(schemaProblems(Schema)).toEqual([]);
    expect(schemaProblems(Type.String({ pattern: '^[a-z]{1,8}$' }))).toEqual([]);
    expect(schemaProblems(Type.Record(Type.String(), Type.Integer()))).toEqual([]);
  });

  it('names open objects, unbounded strings and a repeated $id', () => {
    const Id = Type.String({ maxLength: 4, $id: 'Common.X' });
    const bad = Type.Object({ open: Type.Object({ s: Type.String() }), x: Id, y: Id, p: Type.String({ pattern: '^a+$' }) }, { additionalProperties: false });
    const problems = schemaProblems(bad);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^\/properties\/open: object schema without additionalProperties/),
        expect.stringMatching(/^\/properties\/open\/properties\/s: string without maxLength/),
        expect.stringMatching(/^\/properties\/p: string without maxLength/),
        expect.stringMatching(/\$id "Common.X" appears 2 times/),
      ]),
    );
    expect(problems).toHaveLength(4);
  });
});
