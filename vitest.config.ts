import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The JSON report feeds .ci/run's closing "N passed, N failed" line.
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/vitest.json' },
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.spec.ts'],
          environment: 'node',
          sequence: { groupOrder: 0 },
        },
      },
      {
        // The console's components in a simulated DOM, with the typed API client over a fake fetch.
        plugins: [react()],
        test: {
          name: 'console',
          include: ['console/test/**/*.test.{ts,tsx}'],
          environment: 'happy-dom',
          setupFiles: ['console/test/setup.ts'],
          sequence: { groupOrder: 0 },
        },
      },
      {
        // The enforcement client package: its rules and follower against a fake service, its built
        // package from require() and import, and its behaviour against the real service (test/service/).
        // A group of its own: its timing assertions (stale after 2 s, changes within a second) do not
        // share the machine with the e2e files.
        test: {
          name: 'client',
          include: ['clients/enforcement-client/test/**/*.spec.ts'],
          environment: 'node',
          globalSetup: ['test/support/global-setup.ts'],
          setupFiles: ['test/support/setup-file.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          pool: 'forks',
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.e2e-spec.ts'],
          environment: 'node',
          // One fresh database and queue prefix per run, migrated once (TypeORM has no migration lock).
          globalSetup: ['test/support/global-setup.ts'],
          setupFiles: ['test/support/setup-file.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          pool: 'forks',
          maxWorkers: 2,
          sequence: { groupOrder: 2 },
        },
      },
      {
        // Chromium (Debian's, driven by playwright-core) against the built console served by the
        // real service, on a database of its own; after the e2e files, one file at a time.
        test: {
          name: 'browser',
          include: ['test/browser/**/*.browser-spec.ts'],
          environment: 'node',
          globalSetup: ['test/support/global-setup.ts'],
          setupFiles: ['test/support/setup-file.ts'],
          testTimeout: 180_000,
          hookTimeout: 120_000,
          pool: 'forks',
          maxWorkers: 1,
          sequence: { groupOrder: 3 },
        },
      },
    ],
  },
});
