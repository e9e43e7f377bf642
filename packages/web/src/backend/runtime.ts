/** The JavaScript runtime this module runs in, as far as ONNX Runtime's loading is concerned. */
export type JsRuntime = 'workerd' | 'deno' | 'bun' | 'node' | 'browser';

export function detectRuntime(): JsRuntime {
  const g = globalThis as {
    navigator?: { userAgent?: string };
    Deno?: unknown;
    Bun?: unknown;
    process?: { versions?: { node?: string } };
  };
  // Order matters: Deno and Bun also define `process.versions.node`.
  if (g.navigator?.userAgent === 'Cloudflare-Workers') return 'workerd';
  if (g.Deno !== undefined) return 'deno';
  if (g.Bun !== undefined) return 'bun';
  if (g.process?.versions?.node !== undefined) return 'node';
  return 'browser';
}

/**
 * What to check when ONNX Runtime Web cannot create a session: the file it loads and the
 * setting that decides where from differ per runtime (Node, Bun and Deno take ORT's `node`
 * build, which reads the plain wasm from disk; browsers fetch the device's wasm; workerd can only
 * instantiate a module uploaded with the Worker).
 */
export function sessionFailureHint(runtime: JsRuntime = detectRuntime()): string {
  switch (runtime) {
    case 'workerd':
      return 'In Cloudflare Workers (workerd) the wasm cannot be compiled at run time: import @convbert/web through its "workerd" export condition (wrangler does, and it uploads onnxruntime-web/ort-wasm-simd-threaded.wasm as a module), or pass the uploaded module as configureOrt({ wasmModule })';
    case 'deno':
      return 'In Deno, onnxruntime-web reads node_modules/onnxruntime-web/dist/ort-wasm-simd-threaded.wasm from disk: allow it with --allow-read (and --allow-env), or pass the bytes as configureOrt({ wasmBinary })';
    case 'bun':
    case 'node':
      return `In ${runtime === 'bun' ? 'Bun' : 'Node.js'}, onnxruntime-web reads node_modules/onnxruntime-web/dist/ort-wasm-simd-threaded.wasm from disk: check it is installed next to onnxruntime-web (a bundle must copy it), or set wasmPaths / configureOrt({ wasmBinary })`;
    default:
      return "If it failed to fetch ort-wasm-simd-threaded.wasm (.jsep.wasm for webgpu), serve ONNX Runtime's files and set wasmPaths";
  }
}
