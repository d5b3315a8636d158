import { defineConfig } from 'vitest/config';

// Three projects: pure domain tests run in parallel with nothing else started; integration tests
// share one time-skipping test server, one dev server and one workflow bundle from the global
// setup, and run one file at a time because time skipping is global to the test server;
// reliability tests run the service as separate processes with servers of their own and break
// them on purpose (kill, restart, cut the database off), one file at a time and in a group of
// their own (groupOrder), so that their real-time waits never share the CPU with other files.
export default defineConfig({
  test: {
    // The JSON report is what .ci/run counts passed and failed tests from.
    reporters: ['default', ['json', { outputFile: '.tmp/vitest-results.json' }]],
    projects: [
      {
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'] },
      },
      {
        test: {
          name: 'integration',
          include: ['test/{api,db,workflows,e2e}/**/*.test.ts'],
          globalSetup: ['test/support/globalSetup.ts'],
          setupFiles: ['test/support/quietRuntime.ts'],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'reliability',
          include: ['test/reliability/**/*.test.ts'],
          setupFiles: ['test/support/reliabilityRuntime.ts'],
          fileParallelism: false,
          sequence: { groupOrder: 1 },
          testTimeout: 300_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
