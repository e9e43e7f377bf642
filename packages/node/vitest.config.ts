import { testConfig } from '../../tooling/vitest/preset.ts';

export default testConfig({
  e2e: [
    'test/cli/**/*.test.ts',
    'test/serve/**/*.test.ts',
    'test/pool/**/*.test.ts',
    'test/docs.test.ts',
    'test/sources/cache-race.test.ts',
    'test/sources/token-origin.test.ts',
  ],
});
