import { defineConfig } from 'vitest/config';

// Tests run on 2 cores against in-process lab servers and real kubectl/helm processes:
// forks keep each file's servers isolated, and generous timeouts absorb process start-up.
export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', 'dist/**', 'tools/**'],
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ['default', './test/support/count-reporter.ts'],
  },
});
