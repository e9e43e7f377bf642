import { testConfig } from '../../tooling/vitest/preset.ts';

// The browser tests are end to end; the span arithmetic (test/spans.test.ts) is a unit test.
export default testConfig({ e2e: ['test/playground.test.ts', 'test/first-visit.test.ts', 'test/demo-models.test.ts'] });
