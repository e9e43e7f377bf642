import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

// Tests never touch the user's ~/.cache/convbert: every run gets its own cache folder.
export default defineConfig({
  test: {
    env: { CONVBERT_CACHE: mkdtempSync(join(tmpdir(), 'convbert-test-cache-')), HF_HUB_OFFLINE: '' },
    testTimeout: 60_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: ['test/load/**'] } },
      // Load tests (overload, a fleet behind HAProxy): after the others, one file at a time, so that
      // they have the machine's cores to themselves. Pass/fail facts only (statuses, counts), never timings.
      {
        extends: true,
        test: {
          name: 'load',
          include: ['test/load/**/*.test.ts'],
          fileParallelism: false,
          testTimeout: 240_000,
          hookTimeout: 120_000,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
