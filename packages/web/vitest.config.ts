import { testConfig } from '../../tooling/vitest/preset.ts';

export default testConfig({ e2e: ['test/browser/**/*.test.ts'] });
