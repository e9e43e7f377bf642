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
  },
});
