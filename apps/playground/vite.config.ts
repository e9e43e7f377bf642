// The playground's Vite config: COOP/COEP (wasm threads need a cross-origin isolated page),
// ONNX Runtime's wasm files served by the app itself under /ort/, and the embedded demo models
// under /models/ — read from the repository's fixtures (no copies in the source tree).
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultClientConditions, defineConfig, type Plugin } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

/** ONNX Runtime Web's files for the build this app imports (wasm + WebGPU via JSEP). */
const ORT_DIST = dirname(require.resolve('onnxruntime-web'));
const ORT_FILES = ['ort-wasm-simd-threaded.jsep.wasm', 'ort-wasm-simd-threaded.jsep.mjs'];

/** The demo checkpoints (override with CONVBERT_DEMO_MODELS=<folder holding the model folders>). */
const DEMO_DIR = resolve(process.env.CONVBERT_DEMO_MODELS ?? join(here, '../../fixtures/demo'));
const DEMO_MODELS = ['convbert-mini-sst2', 'convbert-mini-mlm'];
const DEMO_FILES = ['config.json', 'vocab.txt', 'model.safetensors', 'tokenizer_config.json', 'special_tokens_map.json'];

const ISOLATION = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

function fileMap(): Map<string, string> {
  const files = new Map<string, string>();
  for (const f of ORT_FILES) files.set(`ort/${f}`, join(ORT_DIST, f));
  for (const m of DEMO_MODELS) {
    for (const f of DEMO_FILES) {
      const path = join(DEMO_DIR, m, f);
      if (existsSync(path)) files.set(`models/${m}/${f}`, path);
    }
  }
  return files;
}

const TYPES: Record<string, string> = {
  '.wasm': 'application/wasm',
  '.mjs': 'text/javascript',
  '.json': 'application/json',
  '.txt': 'text/plain',
};

/** Serves the files in dev and emits them into the build (so `vite preview` and any static host have them). */
function servedFiles(): Plugin {
  const files = fileMap();
  const send = (url: string | undefined, res: ServerResponse): boolean => {
    const path = files.get(decodeURIComponent((url ?? '').split('?')[0] ?? '').replace(/^\/+/, ''));
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
