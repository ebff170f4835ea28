import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Native addons (better-sqlite3, jsonnet host) and child processes: forks isolate them best.
    pool: 'forks',
    maxWorkers: 2,
  },
});
