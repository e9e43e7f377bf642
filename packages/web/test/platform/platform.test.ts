// The loading layer @convbert/web shares with @convbert/node (createPlatform), over the suite both
// packages run: the twelve classes are instances of themselves (Auto* build them too), and every
// loader refuses a misspelt option before it touches a file.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type PlatformExports, platformSuite } from '@convbert/test-fixtures';
import * as web from '../../src/index.js';

platformSuite(web as unknown as PlatformExports, {
  // A fixture folder as the browser gets one (dropped files), held in memory.
  folder: (dir) =>
    new web.MemorySource(Object.fromEntries(readdirSync(dir).map((f) => [f, new Uint8Array(readFileSync(join(dir, f)))])), dir),
  // Nothing answers there: a loader that fetched first would fail with a network error.
  nowhere: 'https://models.invalid/model/',
  typo: { devcie: 'wasm' },
});
