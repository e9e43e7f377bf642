// Bundle budget: @convbert/web with all its dependencies (config, core, heads, tokenizer and their
// npm dependencies), minified and gzipped, onnxruntime-web left out (its files are served as they are).

import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
/** The budget: the test fails above it, and prints where the bytes come from so a regression can be found. */
const GOAL_KB = 60;

it(`bundle size of @convbert/web (goal ≤ ${GOAL_KB} KB min+gzip, onnxruntime-web excluded)`, async () => {
  const result = await build({
    entryPoints: [join(here, '../dist/index.js')],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    metafile: true,
    // '#ort' is this package's import of onnxruntime-web (package.json "imports").
    external: ['onnxruntime-web', '#ort'],
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]!.contents;
  const gz = gzipSync(code, { level: 9 }).byteLength / 1024;
  // Where the bytes come from, by package (minified input bytes).
  const byPackage = new Map<string, number>();
  for (const [file, info] of Object.entries(Object.values(result.metafile.outputs)[0]!.inputs)) {
    const m =
      /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(file) ?? /(?:packages\/|^\.\.\/)([^/]+)\//.exec(file);
    const key = m ? m[1]! : file.startsWith('dist/') ? 'web' : file;
    byPackage.set(key, (byPackage.get(key) ?? 0) + info.bytesInOutput);
  }
  const top = [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 8);
  console.log(
    `@convbert/web bundle: ${(code.byteLength / 1024).toFixed(1)} KB minified, ${gz.toFixed(1)} KB gzipped (goal ${GOAL_KB} KB)\n` +
      top.map(([k, v]) => `  ${k}: ${(v / 1024).toFixed(1)} KB minified`).join('\n'),
  );
  expect(gz).toBeLessThanOrEqual(GOAL_KB);
});
