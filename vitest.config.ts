import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // PGlite, real PostgreSQL/Redis and spawned processes make some tests slow to set up, and on a
    // loaded 2-core machine an end-to-end test's several waits (each allowed 60 s, wait-for.ts) can
    // add up past a minute: the limit is for a hung test, not a slow one.
    testTimeout: 180_000,
    hookTimeout: 180_000,
    pool: 'forks',
    maxWorkers: 2,
    globalSetup: ['test/support/global-setup.ts'],
  },
});
