import type { TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';

/**
 * Derive malformed inputs from a schema and a valid sample, so every message
 * family is attacked the same way without hand-written cases: a missing
 * required field, an unexpected extra field, a value of the wrong JSON type,
 * an oversized string, at every position the sample reaches.
 *
 * Used by the protocol's own tests and available to other packages through
 * `@glaceon/protocol/testing` (e.g. to throw the same inputs at a live server).
 */
export type MutationKind = 'missing' | 'extra' | 'wrong-type' | 'oversized';

export interface Mutation {
  kind: MutationKind;
  /** JSON pointer of the changed position ('' = the root). */
  pointer: string;
  /** The whole value with the one change applied. */
  value: unknown;
  /** The value now at `pointer` (undefined when removed). */
  replacement: unknown;
}

export type JsonType = 'string' | 'number' | 'integer' | 'boolean' | 'null' | 'object' | 'array';

/** Long enough to exceed every bounded string in the protocol. */
export const OVERSIZED_STRING_CHARS = 10_000;
export const EXTRA_FIELD = '__unexpected';

const CANDIDATES: ReadonlyArray<[JsonType, unknown]> = [
  ['string', 'wrong'],
  ['integer', 7],
  ['number', 12.5],
  ['boolean', true],
  ['null', null],
  ['object', {}],
  ['array', []],
];

type SchemaLike = TSchema & {
  type?: string | string[];
  const?: unknown;
  anyOf?: SchemaLike[];
  properties?: Record<string, SchemaLike>;
  required?: string[];
  additionalProperties?: boolean | SchemaLike;
  unevaluatedProperties?: boolean | SchemaLike;
  patternProperties?: Record<string, SchemaLike>;
  items?: SchemaLike | SchemaLike[];
  maxLength?: number;
  pattern?: string;
  allOf?: SchemaLike[];
};

export function jsonTypeOf(value: unknown): JsonType | undefined {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  switch (typeof value) {
    case 'string':
      return 'string';
    case 'boolean':
      return 'boolean';
    case 'number':
      return Number.isInteger(value) ? 'integer' : 'number';
    case 'object':
      return 'object';
    default:
      return undefined;
  }
}

/** The JSON types a schema can accept, or undefined when it cannot tell (Any, Unknown, refs). */
export function acceptedTypes(schema: SchemaLike): Set<JsonType> | undefined {
  if (schema.const !== undefined) {
    const t = jsonTypeOf(schema.const);
    return t && new Set([t]);
  }
  if (typeof schema.type === 'string') return new Set([schema.type as JsonType]);
  if (Array.isArray(schema.type)) return new Set(schema.type as JsonType[]);
  if (schema.anyOf) {
    const all = new Set<JsonType>();
    for (const branch of schema.anyOf) {
      const types = acceptedTypes(branch);
      if (!types) return undefined;
      for (const t of types) all.add(t);
    }
    return all;
  }
  return undefined;
}

function accepts(types: Set<JsonType>, t: JsonType): boolean {
  return types.has(t) || (t === 'integer' && types.has('number'));
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const escapePointer = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

function oversize(value: string, maxLength: number | undefined): string {
  const target = Math.max(OVERSIZED_STRING_CHARS, (maxLength ?? 0) + 1);
  const unit = value.length > 0 ? value : 'x';
  return unit.repeat(Math.ceil(target / unit.length)).slice(0, target);
}

/** All single-change mutations of `value` (valid for `schema`) that `schema` must reject. */
export function mutationsOf(schema: TSchema, value: unknown): Mutation[] {
  return walk(schema as SchemaLike, value, '');
}

function walk(schema: SchemaLike, value: unknown, pointer: string): Mutation[] {
  if (schema.anyOf) {
    // Inside a union a change may land in another branch: keep only what the whole union rejects.
    const branch = schema.anyOf.find((b) => Value.Check(b, value));
    if (!branch) return [];
    return walk(branch, value, pointer).filter((m) => !Value.Check(schema, m.value));
  }
  const out: Mutation[] = [];
  const types = acceptedTypes(schema);
  if (types) {
    for (const [t, candidate] of CANDIDATES) {
      if (!accepts(types, t)) out.push({ kind: 'wrong-type', pointer, value: candidate, replacement: candidate });
    }
  }
  if (typeof value === 'string' && schema.const === undefined) {
    const long = oversize(value, schema.maxLength);
    out.push({ kind: 'oversized', pointer, value: long, replacement: long });
  }
  if (isPlainObject(value) && schema.properties) {
    if (schema.additionalProperties === false || schema.unevaluatedProperties === false) {
      const extra = { ...value, [EXTRA_FIELD]: 1 };
      out.push({ kind: 'extra', pointer: `${pointer}/${EXTRA_FIELD}`, value: extra, replacement: 1 });
    }
    for (const key of schema.required ?? []) {
      if (!(key in value)) continue;
      const { [key]: _removed, ...rest } = value;
      out.push({ kind: 'missing', pointer: `${pointer}/${escapePointer(key)}`, value: rest, replacement: undefined });
    }
    for (const [key, child] of Object.entries(value)) {
      const childSchema = schema.properties[key];
      if (!childSchema) continue;
      for (const m of walk(childSchema, child, `${pointer}/${escapePointer(key)}`)) {
        out.push({ ...m, value: { ...value, [key]: m.value } });
      }
    }
  }
  if (Array.isArray(value) && schema.items) {
    value.forEach((item, i) => {
      const itemSchema = Array.isArray(schema.items) ? schema.items[i] : schema.items;
      if (!itemSchema) return;
      for (const m of walk(itemSchema, item, `${pointer}/${i}`)) {
        const copy = [...value];
        copy[i] = m.value;
        out.push({ ...m, value: copy });
      }
    });
  }
  return out;
}

/** Problems in a schema's shape that the protocol's conventions forbid (see docs/protocol.md). */
export function schemaProblems(schema: TSchema): string[] {
  const problems: string[] = [];
  const ids = new Map<string, number>();
  const visit = (s: SchemaLike, at: string) => {
    if (typeof s !== 'object' || s === null) return;
    if (typeof s.$id === 'string') ids.set(s.$id, (ids.get(s.$id) ?? 0) + 1);
    if (s.type === 'object' && s.properties && s.additionalProperties !== false && s.unevaluatedProperties !== false) {
      problems.push(`${at || '/'}: object schema without additionalProperties: false`);
    }
    if (s.type === 'string' && s.const === undefined && s.maxLength === undefined && !boundedPattern(s.pattern)) {
      problems.push(`${at || '/'}: string without maxLength (or a bounded, anchored pattern)`);
    }
    for (const [k, p] of Object.entries(s.properties ?? {})) visit(p, `${at}/properties/${k}`);
    for (const [k, p] of Object.entries(s.patternProperties ?? {})) visit(p, `${at}/patternProperties/${k}`);
    if (typeof s.additionalProperties === 'object') visit(s.additionalProperties, `${at}/additionalProperties`);
    if (Array.isArray(s.items)) s.items.forEach((p, i) => visit(p, `${at}/items/${i}`));
    else if (s.items) visit(s.items, `${at}/items`);
    s.anyOf?.forEach((p, i) => visit(p, `${at}/anyOf/${i}`));
    s.allOf?.forEach((p, i) => visit(p, `${at}/allOf/${i}`));
  };
  visit(schema as SchemaLike, '');
  for (const [id, count] of ids) {
    // Fastify's ajv refuses such a schema: 'reference "X" resolves to more than one schema'.
    if (count > 1) problems.push(`$id "${id}" appears ${count} times in one schema; embed a copy without $id`);
  }
  return problems;
}

/** An anchored pattern without `*`, `+` or open `{n,}` quantifiers matches only bounded strings. */
function boundedPattern(pattern: string | undefined): boolean {
  if (pattern === undefined || !pattern.startsWith('^') || !pattern.endsWith('$')) return false;
  const unescaped = pattern.replace(/\\./g, '');
  return !/[*+]|\{\d+,\}/.test(unescaped);
}
