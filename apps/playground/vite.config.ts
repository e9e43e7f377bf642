// The playground's Vite config: COOP/COEP (wasm threads need a cross-origin isolated page),
// ONNX Runtime's wasm files served by the app itself under /ort/, and the demo models of
// src/demos.ts under /models/ — every folder of the table that exists (demo-folders.ts), with
// models/index.json listing them (no copies in the source tree).
import { createReadStream, readFileSync, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { defaultClientConditions, defineConfig, type Plugin } from 'vite';
import { demoFolders } from './demo-folders.ts';
import { DEMO_INDEX_FILE, type DemoIndex } from './src/demos.ts';

const require = createRequire(import.meta.url);

/**
 * ONNX Runtime Web's files for the builds @convbert/web imports: the plain one for device `wasm`,
 * the JSEP one (wasm + WebGPU) only when a model asks for `webgpu` (each fetched when first needed).
 */
const ORT_DIST = dirname(require.resolve('onnxruntime-web'));
const ORT_FILES = [
  'ort-wasm-simd-threaded.wasm',
  'ort-wasm-simd-threaded.mjs',
  'ort-wasm-simd-threaded.jsep.wasm',
  'ort-wasm-simd-threaded.jsep.mjs',
];

const ISOLATION = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/** URL path → file on disk, and the demo index (served as models/index.json). */
function fileMap(): { files: Map<string, string>; index: DemoIndex } {
  const files = new Map<string, string>();
  const index: DemoIndex = {};
  for (const f of ORT_FILES) files.set(`ort/${f}`, join(ORT_DIST, f));
  for (const [name, folder] of demoFolders()) {
    index[name] = folder.files;
    for (const f of folder.files) files.set(`models/${name}/${f}`, join(folder.dir, f));
  }
  return { files, index };
}

const TYPES: Record<string, string> = {
  '.wasm': 'application/wasm',
  '.mjs': 'text/javascript',
  '.json': 'application/json',
  '.txt': 'text/plain',
};

/** Serves the files in dev and emits them into the build (so `vite preview` and any static host have them). */
function servedFiles(): Plugin {
  const { files, index } = fileMap();
  const indexJson = `${JSON.stringify(index, null, 2)}\n`;
  const send = (url: string | undefined, res: ServerResponse): boolean => {
    const name = decodeURIComponent((url ?? '').split('?')[0] ?? '').replace(/^\/+/, '');
    if (name === DEMO_INDEX_FILE) {
      res.writeHead(200, { 'content-type': 'application/json', ...ISOLATION }).end(indexJson);
      return true;
    }
    const path = files.get(name);
    if (path === undefined) return false;
    const ext = path.slice(path.lastIndexOf('.'));
    res.writeHead(200, {
      'content-type': TYPES[ext] ?? 'application/octet-stream',
      'content-length': String(statSync(path).size),
      ...ISOLATION,
    });
    createReadStream(path).pipe(res);
    return true;
  };
  return {
    name: 'convbert-served-files',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        if (!send(req.url, res)) next();
      });
    },
    generateBundle() {
      for (const [fileName, path] of files) this.emitFile({ type: 'asset', fileName, source: readFileSync(path) });
      this.emitFile({ type: 'asset', fileName: DEMO_INDEX_FILE, source: indexJson });
    },
  };
}

export default defineConfig({
  base: './',
  // A missing file must be a 404 (model folders are probed for optional files), not index.html.
  appType: 'mpa',
  plugins: [servedFiles()],
  // ORT's "extern wasm" build: it loads its wasm glue and binary from wasmPaths (/ort/, set in
  // main.ts) instead of carrying a second copy that bundlers would emit as an asset.
  resolve: { conditions: ['onnxruntime-web-use-extern-wasm', ...defaultClientConditions] },
  server: { headers: ISOLATION, host: '127.0.0.1' },
  preview: { headers: ISOLATION, host: '127.0.0.1' },
  // ORT finds its wasm through import.meta.url / wasmPaths; pre-bundling would move it.
  optimizeDeps: { exclude: ['onnxruntime-web'] },
  build: { target: 'es2022', chunkSizeWarningLimit: 1024, reportCompressedSize: false },
  worker: { format: 'es' },
});
