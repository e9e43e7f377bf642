// The loading layer @convbert/node shares with @convbert/web (createPlatform), over the suite both
// packages run: the twelve classes are instances of themselves (Auto* build them too), and every
// loader refuses a misspelt option before it touches a file.
import { type PlatformExports, platformSuite } from '@convbert/test-fixtures';
import * as node from '../../src/index.js';

platformSuite(node as unknown as PlatformExports, {
  folder: (dir) => dir,
  // No such folder: a loader that looked at it first would fail with MODEL_FILES_MISSING.
  nowhere: './no-such-model-folder',
  typo: { devcie: 'cpu' },
  load: { graphCache: false },
});
