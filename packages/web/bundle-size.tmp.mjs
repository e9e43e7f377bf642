import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
const here = dirname(fileURLToPath(import.meta.url));
const result = await build({ entryPoints: [join(here, 'dist/index.js')], bundle: true, splitting: true, outdir: join(here, '.artifacts/bundle'), minify: true, format: 'esm', platform: 'browser', target: 'es2022', write: false, metafile: true, external: ['onnxruntime-web', '#ort'], logLevel: 'silent' });
const meta = result.metafile;
const entry = Object.entries(meta.outputs).find(([, o]) => o.entryPoint !== undefined)[0];
const seen = new Set(); const visit = (f) => { if (seen.has(f)) return; seen.add(f); for (const i of meta.outputs[f].imports) if (i.kind === 'import-statement' && !i.external) visit(i.path); }; visit(entry);
const names = [...seen].map((k) => k.split('/').at(-1));
const code = Buffer.concat(result.outputFiles.filter((f) => names.includes(f.path.split('/').at(-1))).map((f) => f.contents));
console.log('eager gz KB', (gzipSync(code, { level: 9 }).byteLength / 1024).toFixed(2));
const m = new Map();
for (const out of seen) for (const [file, info] of Object.entries(meta.outputs[out].inputs)) { if (process.argv[2] && !file.includes(process.argv[2])) continue; m.set(file, (m.get(file) ?? 0) + info.bytesInOutput); }
if (process.argv[2]) for (const [k, v] of [...m].sort((a, b) => b[1] - a[1])) console.log(v, k.replace(/.*packages\//, ''));
