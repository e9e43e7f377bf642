// Runs the behaviour suite in a runtime with a file system (Node, Bun, Deno):
//   <runtime> src/local.mjs --backend node|web
// prints one line per check, the timings, and "N passed, N failed"; exits 1 on any failure.
import { readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runSuite } from './suite.mjs';

const root = resolve(fileURLToPath(import.meta.url), '../../../..');
const backend = process.argv[process.argv.indexOf('--backend') + 1];
if (backend !== 'node' && backend !== 'web') {
  console.error('usage: <runtime> src/local.mjs --backend node|web');
  process.exit(2);
}

function runtimeName() {
  if (globalThis.Deno) return `deno ${globalThis.Deno.version.deno}`;
  if (globalThis.Bun) return `bun ${globalThis.Bun.version}`;
  return `node ${process.versions.node}`;
}

/** A model folder read with node:fs, as a ModelSource (the web package has no file-system source). */
function folderSource(dir) {
  return {
    id: dir,
    async exists(name) {
      return (await stat(join(dir, name)).catch(() => null))?.isFile() === true;
    },
    async read(name) {
      return new Uint8Array(await readFile(join(dir, name)));
    },
  };
}

const lib = backend === 'node' ? await import('@convbert/node') : await import('@convbert/web');
const result = await runSuite({
  runtime: runtimeName(),
  backend,
  lib,
  readText: (path) => readFile(join(root, path), 'utf8'),
  model: (folder) => (backend === 'node' ? join(root, folder) : folderSource(join(root, folder))),
  defaultModel: backend === 'node' ? undefined : folderSource(join(root, 'packages/models/models/convbert-mini-sst2')),
  loadOptions: {},
});
console.log(result.lines.join('\n'));
process.exit(result.failed > 0 ? 1 : 0);
