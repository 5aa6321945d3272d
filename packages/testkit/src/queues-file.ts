import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { makeTempDir } from './tempdir.js';

/** The shipped default queues (config/queues.yaml) as plain data, for tests that add or change one. */
export const SHIPPED_QUEUES = [
  { id: '1v1', name: 'Duel (1v1)', description: 'One against one.', teams: 2, teamSize: 1, ranked: true },
  { id: '2v2', name: 'Doubles (2v2)', description: 'Two teams of two; come alone or as a pair.', teams: 2, teamSize: 2, ranked: true },
  { id: '5v5', name: 'Teams (5v5)', description: 'Two teams of five; parties of any size up to five.', teams: 2, teamSize: 5, ranked: true },
];

export interface QueuesFile {
  /** Pass as GLACEON_QUEUES. */
  readonly file: string;
  /** Replace the file's content (then SIGHUP the services to apply it). */
  write(content: unknown): Promise<void>;
  remove(): Promise<void>;
}

/** A queue configuration file in a fresh temp folder: an object is written as JSON, a string as is (YAML). */
export async function writeQueuesFile(content: unknown, name = 'queues.yaml'): Promise<QueuesFile> {
  const dir = await makeTempDir('queues');
  const file = path.join(dir.path, name);
  const write = (c: unknown) => writeFile(file, typeof c === 'string' ? c : JSON.stringify(c, null, 2));
  await write(content);
  return { file, write, remove: () => dir.remove() };
}
