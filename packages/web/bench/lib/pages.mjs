// The two bench pages, bundled as a site would bundle them (esbuild): @convbert/web with
// onnxruntime-web 1.30, transformers.js 4.3.1 with its own onnxruntime-web. Both take ONNX
// Runtime's "extern wasm" entry, which loads its wasm glue and binary from `wasmPaths`: the
// threads' workers start from that glue, not from the page's bundle.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

/** onnxruntime-web's dist folder for our package and for transformers.js's own copy. */
export const ORT_DIST = dirname(require.resolve('onnxruntime-web'));
export const TJS_ORT_DIST = dirname(createRequire(require.resolve('@huggingface/transformers')).resolve('onnxruntime-web'));

const html = (script) =>
  `<!doctype html><html><head><meta charset="utf-8"><title>bench</title></head><body><script type="module" src="${script}"></script></body></html>`;

/**
 * Builds `ours.html` / `tjs.html` and their scripts into `out`; with `baseline` (the folder of
 * another checkout's built @convbert/web, e.g. main's) also `base.html`: the ours page on that code.
 */
export async function buildPages(out, baseline) {
  mkdirSync(out, { recursive: true });
  const site = {
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    outdir: out,
    conditions: ['onnxruntime-web-use-extern-wasm'],
    logLevel: 'error',
  };
  await build({ ...site, entryPoints: { ours: join(here, '../pages/ours.js'), tjs: join(here, '../pages/tjs.js') } });
  if (baseline) await build({ ...site, entryPoints: { base: join(here, '../pages/ours.js') }, alias: { '@convbert/web': baseline } });
  for (const name of ['ours', 'tjs', ...(baseline ? ['base'] : [])]) writeFileSync(join(out, `${name}.html`), html(`./${name}.js`));
  return out;
}
