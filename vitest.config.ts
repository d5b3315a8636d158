import { defineConfig } from 'vitest/config';

// Two projects: pure domain tests run in parallel with nothing else started; integration tests
// share one time-skipping test server, one dev server and one workflow bundle from the global
// setup, and run one file at a time because time skipping is global to the test server.
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
    ],
  },
});
