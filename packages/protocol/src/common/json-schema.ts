import type { TSchema } from '@sinclair/typebox';

/**
 * Turning exported TypeBox schemas into standalone JSON Schema documents for
 * engine teams (C#, C++, GDScript). Pure functions; the command that walks
 * the modules and writes files is scripts/write-json-schemas.ts.
 */
export const JSON_SCHEMA_DIALECT = 'http://json-schema.org/draft-07/schema#';
/** `$id` convention: Area.Name, where Name may have dotted parts (Realm.Event.Error). */
export const SCHEMA_ID_PATTERN = /^(Core|Common|Ticket|Realm|Coral|Fleet|Game|Queue)(\.[A-Z][A-Za-z0-9]*)+$/;

export interface SchemaEntry {
  $id: string;
  /** Module (path under src/) and export name where it was first found. */
  module: string;
  exportName: string;
  schema: TSchema;
}

export interface CollectedSchemas {
  entries: SchemaEntry[];
  /** The same `$id` on two different schemas: always a mistake. */
  conflicts: string[];
}

const isSchema = (v: unknown): v is TSchema =>
  typeof v === 'object' && v !== null && Object.getOwnPropertySymbols(v).some((s) => s.description === 'TypeBox.Kind');

/** Every exported schema with a `$id`, deduplicated across re-exports. */
export function collectSchemas(modules: ReadonlyArray<{ module: string; exports: Record<string, unknown> }>): CollectedSchemas {
  const byId = new Map<string, SchemaEntry>();
  const conflicts: string[] = [];
  for (const { module, exports } of modules) {
    for (const [exportName, value] of Object.entries(exports)) {
      if (!isSchema(value) || typeof value.$id !== 'string') continue;
      const seen = byId.get(value.$id);
      if (!seen) byId.set(value.$id, { $id: value.$id, module, exportName, schema: value });
      else if (seen.schema !== value && JSON.stringify(seen.schema) !== JSON.stringify(value)) {
        conflicts.push(`${value.$id}: ${seen.module}#${seen.exportName} and ${module}#${exportName} differ`);
      }
    }
  }
  const entries = [...byId.values()].sort((a, b) => a.$id.localeCompare(b.$id));
  return { entries, conflicts };
}

export function schemaFileName(id: string): string {
  return `${id}.json`;
}

/**
 * A standalone document (`$id` = the file name, `Realm.Lobby.json`): plain JSON (TypeBox's symbol keys dropped), the
 * dialect stated, and embedded copies of other exported schemas replaced by
 * a `$ref` to their file so code generators emit one type per schema.
 */
export function toJsonSchemaDocument(entry: SchemaEntry, known: ReadonlyMap<string, TSchema>): Record<string, unknown> {
  const replace = (node: unknown, root: boolean): unknown => {
    if (Array.isArray(node)) return node.map((n) => replace(n, false));
    if (typeof node !== 'object' || node === null) return node;
    const record = node as Record<string, unknown>;
    const id = record.$id;
    if (!root && typeof id === 'string' && known.has(id) && sameJson(known.get(id), node)) {
      return { $ref: schemaFileName(id) };
    }
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(record)) out[k] = replace(v, false);
    return out;
  };
  const { $id: _ownId, ...body } = replace(entry.schema, true) as Record<string, unknown>;
  // The document's $id is its file name, so a `$ref` resolves the same way
  // whether a tool indexes documents by $id or loads them relative to the file.
  return { $schema: JSON_SCHEMA_DIALECT, $id: schemaFileName(entry.$id), ...body };
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
