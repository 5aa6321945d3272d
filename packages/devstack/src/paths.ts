import { fileURLToPath } from 'node:url';

/** The repository root: this file is packages/devstack/{src,dist}/paths.{ts,js}. */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export const ENTRIES = {
  realm: `${REPO_ROOT}apps/realm/src/server.ts`,
  coral: `${REPO_ROOT}apps/coral/src/server.ts`,
  moonstone: `${REPO_ROOT}apps/moonstone/src/main.ts`,
  onyx: `${REPO_ROOT}apps/onyx/src/cli.ts`,
} as const;
