import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

/**
 * Three projects in one run: the server's tests (node), the web UI's component tests (jsdom),
 * and the browser tests (a built server driven through Chromium; built first when stale).
 */
export default defineConfig({
  test: {
    pool: 'forks',
    // Server and browser test files share a worker's module cache (vitest still gives each
    // project workers of its own): every file builds its own apps on its own database, and
    // nothing in src keeps per-app state in a module. Importing the app once per worker instead
    // of once per file took the server's tests from 101 s to 61 s. The web UI's component tests
    // share a DOM, so they run isolated, on threads.
    poolOptions: { forks: { isolate: false }, threads: { isolate: true } },
    // Most tests wait on sockets, timers and databases rather than compute, so more workers
    // than the two cores of a CI runner cut the suite's wall time by more than half.
    maxWorkers: 3,
    // As many as the most: a pool that may shrink ends idle workers between files, and with
    // isolation off (the server's tests) tinypool then ended one that had just taken a file.
    minWorkers: 3,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default'],
    projects: [
      {
        extends: true,
        test: {
          name: 'server',
          environment: 'node',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: ['test/e2e/**', '**/node_modules/**'],
          globalSetup: ['test/support/postgres-template.ts'],
        },
      },
      {
        extends: true,
        plugins: [react()],
        test: {
          name: 'web',
          environment: 'jsdom',
          pool: 'threads',
          include: ['web/src/**/*.test.{ts,tsx}'],
          setupFiles: ['web/src/test/setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.e2e.test.ts'],
          globalSetup: ['test/e2e/support/global-setup.ts'],
          setupFiles: ['test/e2e/support/log-on-failure.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // A page waits on a real server and the upstream simulator; on a busy two-core runner
          // that took longer than expect.poll's default second.
          expect: { poll: { timeout: 10_000 } },
        },
      },
    ],
  },
});
