/**
 * Hands ONNX Runtime Web a wasm module that was compiled before it runs. Cloudflare Workers
 * (workerd) forbid compiling wasm from bytes at run time ("Wasm code generation disallowed by
 * embedder") and give uploaded `.wasm` files as `WebAssembly.Module`s, while ORT only takes
 * bytes (`env.wasm.wasmBinary`) or a URL. So ORT gets a placeholder binary, and the one
 * `WebAssembly.instantiate` call that receives exactly those bytes instantiates the module
 * instead; that call restores the original function, so nothing else is ever affected.
 */

// A valid, empty wasm module followed by a custom section naming it, so it cannot be mistaken
// for anyone else's bytes: "\0asm", version 1, custom section (id 0) "convbert-ort-module".
const NAME = 'convbert-ort-module';
const PLACEHOLDER = new Uint8Array([
  0,
  0x61,
  0x73,
  0x6d,
  1,
  0,
  0,
  0,
  0,
  NAME.length + 1,
  NAME.length,
  ...[...NAME].map((c) => c.charCodeAt(0)),
]);

function isPlaceholder(source: unknown): boolean {
  let bytes: Uint8Array;
  if (source instanceof Uint8Array) bytes = source;
  else if (source instanceof ArrayBuffer) bytes = new Uint8Array(source);
  else if (ArrayBuffer.isView(source)) bytes = new Uint8Array(source.buffer, source.byteOffset, source.byteLength);
  else return false;
  return bytes.byteLength === PLACEHOLDER.byteLength && bytes.every((b, i) => b === PLACEHOLDER[i]);
}

type Instantiate = typeof WebAssembly.instantiate;
let original: Instantiate | undefined;
let pending: WebAssembly.Module | undefined;

/** Arranges for ORT's next instantiation to use `module`; returns the bytes to give ORT as `wasmBinary`. */
export function useWasmModule(module: WebAssembly.Module): Uint8Array<ArrayBuffer> {
  pending = module;
  if (original === undefined) {
    const saved = WebAssembly.instantiate;
    original = saved;
    const patched = ((source: unknown, imports?: WebAssembly.Imports) => {
      if (pending === undefined || !isPlaceholder(source)) return saved.call(WebAssembly, source as BufferSource, imports);
      const m = pending;
      WebAssembly.instantiate = saved;
      original = undefined;
      pending = undefined;
      // Given bytes, instantiate() answers { instance, module }: ORT's loader expects that shape.
      return saved.call(WebAssembly, m, imports).then((instance) => ({ instance, module: m }));
    }) as Instantiate;
    WebAssembly.instantiate = patched;
  }
  return PLACEHOLDER.slice();
}
