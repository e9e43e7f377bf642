// The one vitest set-up of the repository: every package's vitest.config.ts is `testConfig(...)`.
// Unit tests (the `unit` project) run in seconds; tests that start processes, servers or a browser
// are named by the package (`e2e`) and run as their own project, one file at a time:
// `vitest run --project unit` while working, `vitest run` (both) in `pnpm test`.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig, type ViteUserConfig } from 'vitest/config';

export interface TestConfigOptions {
  /** Test files that spawn processes, start servers or drive a browser (globs under the package). */
  e2e?: string[];
}

/** Every test of the package is end to end (a browser, a Worker runtime, npm itself). */
export const ALL_E2E: TestConfigOptions = { e2e: ['test/**/*.test.ts'] };

const TESTS = 'test/**/*.test.ts';

export function testConfig(options: TestConfigOptions = {}): ViteUserConfig {
  const e2e = options.e2e ?? [];
  return defineConfig({
    test: {
      // Tests never touch the user's ~/.cache/convbert: every run gets its own cache folder.
      env: { CONVBERT_CACHE: mkdtempSync(join(tmpdir(), 'convbert-test-cache-')), HF_HUB_OFFLINE: '' },
      // CI runs two packages' suites side by side on 2 cores: a test that takes 1 s alone can take
      // several then. The limits catch hangs, not slowness.
      testTimeout: 60_000,
      hookTimeout: 60_000,
      projects: [
        ...(e2e.includes(TESTS) ? [] : [{ extends: true, test: { name: 'unit', include: [TESTS], exclude: e2e } }]),
        ...(e2e.length === 0
          ? []
          : [
              {
                extends: true,
                test: {
                  name: 'e2e',
                  include: e2e,
                  testTimeout: 120_000,
                  hookTimeout: 300_000,
                  // Processes, servers and Chromium compete for the two cores: one file at a time.
                  fileParallelism: false,
                },
              },
            ]),
      ],
    },
  });
}
