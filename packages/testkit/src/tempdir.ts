import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { TESTKIT_TMP_PREFIX, trackDir, untrackDir } from './cleanup.js';

export interface TempDir {
  readonly path: string;
  /** Remove the folder and everything in it; safe to call twice. */
  remove(): Promise<void>;
}

/**
 * A fresh folder `<tmpdir>/glaceon-testkit-<label>-XXXXXX`, removed on remove() or,
 * failing that, by the kit's exit hook / reaper.
 */
export async function makeTempDir(label = ''): Promise<TempDir> {
  const safeLabel = label.replace(/[^a-zA-Z0-9_-]/g, '').slice(0, 32);
  const dir = await mkdtemp(path.join(os.tmpdir(), `${TESTKIT_TMP_PREFIX}${safeLabel ? `${safeLabel}-` : ''}`));
  trackDir(dir);
  let removing: Promise<void> | undefined;
  return {
    path: dir,
    remove() {
      removing ??= rm(dir, { recursive: true, force: true }).then(() => untrackDir(dir));
      return removing;
    },
  };
}
