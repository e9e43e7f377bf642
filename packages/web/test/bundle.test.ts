// Bundle budget: @convbert/web with all its dependencies (config, core, heads, tokenizer and their
// npm dependencies), minified and gzipped, onnxruntime-web left out (its files are served as they are).
// Code the package loads on demand (`import()`: the HDF5 reader for tf_model.h5) is split into its
// own chunks, as every bundler does; the budget is what a page loads up front, the chunks are printed.

import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type Metafile } from 'esbuild';
import { expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
/** The budget: the test fails above it, and prints where the bytes come from so a regression can be found. */
const GOAL_KB = 60;

/** The entry's output file and every chunk it imports statically: what loads before any code runs. */
function upFront(meta: Metafile): Set<string> {
  const entry = Object.entries(meta.outputs).find(([, o]) => o.entryPoint !== undefined)![0];
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const i of meta.outputs[file]!.imports) if (i.kind === 'import-statement' && !i.external) visit(i.path);
  };
  visit(entry);
  return seen;
}

it(`bundle size of @convbert/web (goal ≤ ${GOAL_KB} KB min+gzip, onnxruntime-web excluded)`, async () => {
  const result = await build({
    entryPoints: [join(here, '../dist/index.js')],
    bundle: true,
    splitting: true,
    outdir: join(here, '../.artifacts/bundle'),
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
  const meta = result.metafile;
  const outDir = join(here, '../.artifacts/bundle');
  const relative = (p: string) => (p.startsWith(outDir) ? p.slice(outDir.length + 1) : p);
  const files = new Map(result.outputFiles.filter((f) => f.path.endsWith('.js')).map((f) => [relative(f.path), f.contents]));
  const metaKey = (name: string) => Object.keys(meta.outputs).find((k) => k.endsWith(name))!;
  const eager = upFront(meta);
  const sizes = (names: string[]) => {
    const code = Buffer.concat(names.map((n) => files.get(n.split('/').at(-1)!) ?? new Uint8Array()));
    return { min: code.byteLength / 1024, gz: gzipSync(code, { level: 9 }).byteLength / 1024 };
  };
  const eagerNames = [...eager].map((k) => k.split('/').at(-1)!);
  const lazyNames = [...files.keys()].filter((n) => !eagerNames.includes(n));
  const main = sizes(eagerNames);
  // Where the bytes come from, by package (minified input bytes), up front and on demand.
  const byPackage = (outputs: string[]) => {
    const m = new Map<string, number>();
    for (const out of outputs) {
      for (const [file, info] of Object.entries(meta.outputs[metaKey(out)]!.inputs)) {
        const hit =
          /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(file) ?? /(?:packages\/|^\.\.\/)([^/]+)\//.exec(file);
        const key = hit ? hit[1]! : file.startsWith('dist/') ? 'web' : file;
        m.set(key, (m.get(key) ?? 0) + info.bytesInOutput);
      }
    }
    return [...m].sort((a, b) => b[1] - a[1]).slice(0, 8);
  };
  const lines = (rows: [string, number][]) => rows.map(([k, v]) => `  ${k}: ${(v / 1024).toFixed(1)} KB minified`).join('\n');
  const lazy = lazyNames.map((n) => ({ n, ...sizes([n]), top: byPackage([n]) }));
  console.log(
    `@convbert/web bundle: ${main.min.toFixed(1)} KB minified, ${main.gz.toFixed(1)} KB gzipped (goal ${GOAL_KB} KB)\n` +
      lines(byPackage(eagerNames)) +
      lazy.map((c) => `\non demand ${c.n}: ${c.min.toFixed(1)} KB minified, ${c.gz.toFixed(1)} KB gzipped\n${lines(c.top)}`).join(''),
  );
  expect(main.gz).toBeLessThanOrEqual(GOAL_KB);
});
