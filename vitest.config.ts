import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['__tests__/**/*.test.ts'],
    // Most files wait on child processes (the built Action and CLI) and a local HTTP server rather
    // than computing: more workers than cores cuts the wall time (on 2 cores, 3 workers: ~40% less).
    maxWorkers: '150%',
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
