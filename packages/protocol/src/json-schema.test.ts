import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mutationsOf } from './common/schema-mutations.js';
import { SCHEMA_ID_PATTERN } from './common/json-schema.js';
import { createDecoder } from './core/decode.js';
import { ALL_FAMILIES } from './families.js';

/**
 * Runs the real `npm run schemas` command (the script, as the root script
 * runs it) into a temporary directory, then loads the files into a standard
 * JSON Schema validator (ajv, draft-07) the way an engine team would: they
 * must accept every sample and judge every derived malformed input exactly
 * as the TypeBox decoders do.
 */
const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
let outDir: string;
let index: { schemas: Array<{ $id: string; file: string; module: string; export: string }> };

beforeAll(() => {
  outDir = mkdtempSync(path.join(tmpdir(), 'glaceon-json-schema-'));
  const run = spawnSync(process.execPath, ['--conditions=glaceon-source', '--import', 'tsx', path.join(packageDir, 'scripts/write-json-schemas.ts'), outDir], {
    encoding: 'utf8',
    cwd: packageDir,
    timeout: 60_000,
  });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  index = JSON.parse(readFileSync(path.join(outDir, 'index.json'), 'utf8')) as typeof index;
});

afterAll(() => {
  rmSync(outDir, { recursive: true, force: true });
});

/** Every family schema that carries a $id, with its samples. */
function idSchemasWithSamples(): Array<[string, TSchema, unknown[]]> {
  const out = new Map<string, [string, TSchema, unknown[]]>();
  for (const family of ALL_FAMILIES) {
    for (const schema of family.schemas) {
      if (typeof schema.$id !== 'string') continue;
      const samples = family.samples.filter((s) => Value.Check(schema, s));
      const seen = out.get(schema.$id);
      if (seen) seen[2].push(...samples);
      else out.set(schema.$id, [schema.$id, schema, samples]);
    }
  }
  return [...out.values()];
}

describe('npm run schemas', () => {
  it('writes one file per schema plus index.json, ids following Area.Name', () => {
    const files = readdirSync(outDir).sort();
    expect(files).toEqual([...index.schemas.map((s) => s.file), 'index.json'].sort());
    expect(index.schemas.length).toBeGreaterThan(3);
    for (const s of index.schemas) {
      expect(s.$id).toMatch(SCHEMA_ID_PATTERN);
      expect(s.file).toBe(`${s.$id}.json`);
    }
    const ids = index.schemas.map((s) => s.$id);
    expect(ids).toEqual(expect.arrayContaining(['Queue.Config.File', 'Queue.Config.Queue', 'Core.ErrorBody', 'Ticket.JoinTicketPayload']));
  });

  it('covers every family schema that has a $id, in every area', () => {
    const written = new Set(index.schemas.map((s) => s.$id));
    const missing = idSchemasWithSamples()
      .map(([id]) => id)
      .filter((id) => !written.has(id));
    expect(missing).toEqual([]);
  });

  it('loads into a standard validator that agrees with the TypeBox decoders on every sample and malformed input', () => {
    const ajv = new Ajv({ strict: false, allErrors: false });
    for (const s of index.schemas) ajv.addSchema(JSON.parse(readFileSync(path.join(outDir, s.file), 'utf8')) as object);
    const failures: string[] = [];
    for (const [id, schema, samples] of idSchemasWithSamples()) {
      const validate = ajv.getSchema(`${id}.json`);
      if (!validate) {
        failures.push(`${id}: not loadable`);
        continue;
      }
      const decoder = createDecoder(schema);
      for (const sample of samples) {
        if (!validate(sample)) failures.push(`${id}: rejects a valid sample: ${ajv.errorsText(validate.errors)}`);
        // Whether a mutation should be rejected at all is families.test.ts's business; here the
        // files must judge exactly like the decoders do (regex dialects, integer bounds, unions).
        for (const m of mutationsOf(schema, sample)) {
          if (validate(m.value) !== decoder.decode(m.value).ok) failures.push(`${id}: disagrees on ${m.kind} at ${m.pointer || '/'}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });
});
