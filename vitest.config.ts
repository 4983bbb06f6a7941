import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['__tests__/**/*.test.ts'],
    // Most files wait on child processes (the built Action and CLI) and a local HTTP server rather
    // than computing: more workers than cores cuts the wall time (on 2 cores, 3 workers: ~40% less).
    maxWorkers: '150%',
    // Test files share their worker process instead of each loading vitest and its imports again
    // (about 45 s of a 270 s suite on 2 cores). Safe because no file changes global state for good: the
    // one that stubs an environment variable or spies on stdout restores them after each test.
    isolate: false,
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
