import { testConfig } from '../../tooling/vitest/preset.ts';

export default testConfig();
