import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    setupFiles: ['test/setup.ts'],
    // Ink draws nothing when CI is set; rendering tests need it off in every worker.
    env: { CI: 'false', FORCE_COLOR: '0' },
    testTimeout: 20_000,
    // Set-up hooks make git repositories and start engines: seconds on a loaded 2-core machine.
    hookTimeout: 60_000,
    pool: 'forks',
    // Vitest's default on 2 cores is one worker, but most test time waits on engines,
    // terminals and servers: two workers took a fresh-clone CI run from 12 to 8 minutes.
    maxWorkers: 2,
  },
});
