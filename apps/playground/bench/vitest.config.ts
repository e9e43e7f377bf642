import { defineConfig } from 'vitest/config';

// The playground's bench runs in Chromium through the browser tests' harness (vitest only runs it).
export default defineConfig({ test: { include: ['bench/**/*.bench.ts'], fileParallelism: false, hookTimeout: 300_000 } });
