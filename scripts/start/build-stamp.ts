/**
 * "Did the launcher's sources change since the last build?" A hash of every file the
 * renderer bundle is built from, kept beside the output: `npm start` rebuilds only
 * when it differs (a build costs 20-25 s; a hash of the sources well under one).
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Hash of the files under `inputs` (folders are walked; node_modules and build output are not). */
export function hashSources(root: string, inputs: readonly string[]): string {
  const hash = createHash('sha256');
  const visit = (rel: string) => {
    const abs = path.join(root, rel);
    if (!existsSync(abs)) return;
    if (statSync(abs).isDirectory()) {
      for (const name of readdirSync(abs).sort()) {
        if (name === 'node_modules' || name.startsWith('dist')) continue;
        visit(path.join(rel, name));
      }
      return;
    }
    hash.update(rel).update('\0').update(readFileSync(abs)).update('\0');
  };
  for (const input of inputs) visit(input);
  return hash.digest('hex');
}

/** The stamp a previous build left in `outDir`, if any. */
export function readStamp(outDir: string, name: string): string | undefined {
  const file = path.join(outDir, `.${name}.stamp`);
  return existsSync(file) ? readFileSync(file, 'utf8').trim() : undefined;
}

export function writeStamp(outDir: string, name: string, value: string): void {
  writeFileSync(path.join(outDir, `.${name}.stamp`), `${value}\n`);
}
