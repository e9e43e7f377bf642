import { ALL_E2E, testConfig } from '../../tooling/vitest/preset.ts';

export default testConfig(ALL_E2E);
