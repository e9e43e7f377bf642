import { testConfig } from '../../tooling/vitest/preset.ts';

// The hostile-input tests run each crafted input in a child process with memory and time limits.
export default testConfig({ e2e: ['test/hostile.test.ts'] });
