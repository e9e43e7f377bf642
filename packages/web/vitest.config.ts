import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    // The browser test builds the playground and drives Chromium: keep it from competing with
    // the other files for the two cores.
    fileParallelism: false,
  },
});
