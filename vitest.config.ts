import { defineConfig } from 'vitest/config';

/**
 * One vitest run for the whole repo. Workspace packages resolve to their
 * TypeScript sources through the `glaceon-source` export condition, so tests
 * never run against a stale build.
 */
export default defineConfig({
  resolve: { conditions: ['glaceon-source'] },
  ssr: { resolve: { conditions: ['glaceon-source'], externalConditions: ['glaceon-source'] } },
  test: {
    // Integration tests start real redis-server, nginx and service processes; 2 cores here.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          // Test files share their worker's module cache: importing each file's graph afresh was a
          // third of this project's CPU (vitest's "import" 148 s of 393; testkit-002). These files
          // build their services and clients per test and keep no state in modules.
          isolate: false,
          include: [
            'packages/*/src/**/*.test.ts',
            'apps/{realm,coral,moonstone,onyx}/src/**/*.test.ts',
            'apps/launcher/src/{main,common}/**/*.test.ts',
            'tools/*/src/**/*.test.ts',
          ],
        },
      },
      {
        // Realm's route tests and its two-instance test again, on a real 3-master Redis
        // Cluster (the harness reads REALM_TEST_REDIS): same files, parameterised, not copies.
        extends: true,
        test: {
          name: 'realm-cluster',
          environment: 'node',
          isolate: false,
          env: { REALM_TEST_REDIS: 'cluster' },
          include: ['apps/realm/src/routes/**/*.test.ts', 'apps/realm/src/multi-instance.test.ts', 'apps/realm/src/concurrency.test.ts'],
        },
      },
      'apps/launcher/vitest.config.ts',
    ],
  },
});
