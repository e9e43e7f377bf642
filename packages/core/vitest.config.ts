import { testConfig } from '../../tooling/vitest/preset.ts';

// The hostile-file tests and the structure fuzzers load each crafted file in a child process.
export default testConfig({ e2e: ['test/weights/hostile.test.ts', 'test/weights/fuzz-structure.test.ts'] });
