import { defineConfig } from 'vitest/config';

// CI runs two packages' suites side by side on 2 cores (the cross-runtime suite among them): a test
// that takes 1 s alone can take several then. The limit catches hangs, not slowness.
export default defineConfig({
  test: { testTimeout: 60_000 },
});
