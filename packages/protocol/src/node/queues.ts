import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';
import { parseQueuesConfig, QueueConfigError, type QueueCatalog } from '../queue/catalog.js';

/** A queue file is small; anything bigger is a mistake (or an attack on start-up). */
export const MAX_QUEUES_FILE_BYTES = 256 * 1024;

/**
 * The file the repository ships (config/queues.yaml): found from this module,
 * which sits at the same depth in src/ and dist/.
 */
export function defaultQueuesPath(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../config/queues.yaml');
}

/**
 * Read, parse (YAML or JSON: YAML is a superset) and validate a queue file.
 * Throws QueueConfigError whose message names the file, the field and the rule.
 */
export function loadQueuesFile(file: string): QueueCatalog {
  if (!existsSync(file)) throw new QueueConfigError(`GLACEON_QUEUES (${file})`, 'no such file');
  const text = readFileSync(file, 'utf8');
  if (Buffer.byteLength(text) > MAX_QUEUES_FILE_BYTES) throw new QueueConfigError(`GLACEON_QUEUES (${file})`, `must be at most ${MAX_QUEUES_FILE_BYTES} bytes`);
  // maxAliasCount bounds YAML alias expansion ("billion laughs").
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  const firstError = doc.errors[0];
  if (firstError) throw new QueueConfigError(`GLACEON_QUEUES (${file})`, `not valid YAML or JSON: ${firstError.message.split('\n')[0] ?? ''}`);
  try {
    return parseQueuesConfig(doc.toJS({ maxAliasCount: 100 }));
  } catch (error) {
    if (error instanceof QueueConfigError) throw new QueueConfigError(`${file}: ${error.field}`, error.rule);
    throw error;
  }
}

/** The catalog named by GLACEON_QUEUES, or the shipped default. */
export function queuesFromEnv(env: NodeJS.ProcessEnv = process.env): { catalog: QueueCatalog; file: string } {
  const file = env.GLACEON_QUEUES?.trim() ? path.resolve(env.GLACEON_QUEUES.trim()) : defaultQueuesPath();
  return { catalog: loadQueuesFile(file), file };
}
