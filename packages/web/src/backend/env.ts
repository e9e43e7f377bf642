import { WebError } from '../errors.js';
import type { WebDevice } from './device.js';
import type { OrtRuntime } from './ort-runtime.js';
import { useWasmModule } from './wasm-module.js';

/** Where ONNX Runtime's own files are served: a folder URL (ending in `/`) or each file's URL. */
export type OrtWasmPaths = string | { wasm?: string; mjs?: string };

/** Settings of ONNX Runtime Web's global environment (they apply to every session of the page). */
export interface OrtWebOptions {
  /**
   * Where ONNX Runtime's files are served from: `ort-wasm-simd-threaded.{wasm,mjs}` (device
   * `wasm`) and `ort-wasm-simd-threaded.jsep.{wasm,mjs}` (device `webgpu`). Leave it unset when
   * a bundler copies them next to its module (ORT finds them by `import.meta.url`); set it to a
   * folder of your own site (e.g. `/ort/`) otherwise. Never a CDN by default.
   */
  wasmPaths?: OrtWasmPaths;
  /**
   * ONNX Runtime's wasm, already compiled: for runtimes that may not compile wasm at run time
   * (Cloudflare Workers, where the bundler uploads the `.wasm` as a module). The `workerd`
   * export condition of `@convbert/web` sets it to onnxruntime-web/ort-wasm-simd-threaded.wasm.
   */
  wasmModule?: WebAssembly.Module;
  /** ONNX Runtime's wasm as bytes (instead of loading it from `wasmPaths`); for device `wasm`, i.e. the plain build's. */
  wasmBinary?: Uint8Array | ArrayBuffer;
  /** Wasm threads. Default: up to 4 when the page is `crossOriginIsolated` (COOP + COEP), else 1. */
  numThreads?: number;
  /** Run ONNX Runtime's wasm in its own worker (ORT's proxy mode; wasm only, not WebGPU). */
  proxy?: boolean;
  logLevel?: 'verbose' | 'info' | 'warning' | 'error' | 'fatal';
}

// ONNX Runtime reads its environment once, when the first session is created; later changes
// are silently ignored. We remember that moment to refuse changes instead of ignoring them.
let locked = false;
let applied: OrtWebOptions = {};
// The runtimes imported so far (one per device; in Node one object for both).
const loaded = new Map<WebDevice, OrtRuntime>();

/** Threads are only possible with SharedArrayBuffer, which browsers give to isolated pages. */
export function defaultNumThreads(): number {
  const g = globalThis as { crossOriginIsolated?: boolean; navigator?: { hardwareConcurrency?: number } };
  if (g.crossOriginIsolated !== true || typeof SharedArrayBuffer === 'undefined') return 1;
  const cores = g.navigator?.hardwareConcurrency ?? 1;
  return Math.max(1, Math.min(4, Math.ceil(cores / 2)));
}

function sameOptions(a: OrtWebOptions, b: OrtWebOptions): boolean {
  const { wasmModule: ma, wasmBinary: ba, ...ra } = a;
  const { wasmModule: mb, wasmBinary: bb, ...rb } = b;
  return ma === mb && ba === bb && JSON.stringify(ra) === JSON.stringify(rb);
}

// Set by the `workerd` entry: the module wrangler uploaded, used when configureOrt names none.
let defaultWasmModule: WebAssembly.Module | undefined;

/** @internal The `workerd` entry's uploaded ONNX Runtime module. */
export function setDefaultWasmModule(module: WebAssembly.Module): void {
  defaultWasmModule = module;
}

/**
 * Sets ONNX Runtime Web's environment. Call it before the first model loads; afterwards only a
 * call with the same options is accepted (ORT cannot be re-initialised in a running page).
 */
export function configureOrt(options: OrtWebOptions = {}): void {
  if (locked) {
    if (sameOptions(options, applied)) return;
    throw new WebError(
      'ORT_ALREADY_INITIALIZED',
      'ONNX Runtime Web is already initialised (a model was loaded); call configureOrt() before loading the first model, or reload the page',
    );
  }
  if (options.numThreads !== undefined && (!Number.isInteger(options.numThreads) || options.numThreads < 1)) {
    throw new WebError('INVALID_OPTION', `numThreads must be an integer ≥ 1, got ${options.numThreads}`);
  }
  if (typeof options.wasmPaths === 'string' && !options.wasmPaths.endsWith('/')) {
    throw new WebError(
      'INVALID_OPTION',
      `wasmPaths "${options.wasmPaths}" must be a folder URL ending in "/" (or { wasm, mjs } file URLs)`,
    );
  }
  if (options.wasmModule !== undefined && !(options.wasmModule instanceof WebAssembly.Module)) {
    throw new WebError(
      'INVALID_OPTION',
      'wasmModule must be a WebAssembly.Module (e.g. `import m from "onnxruntime-web/ort-wasm-simd-threaded.wasm"`)',
    );
  }
  applied = { ...options };
  for (const [device, ort] of loaded) applyEnv(ort, device);
}

/** Puts the configured environment into a runtime (before its first session, when ORT reads it). */
function applyEnv(ort: OrtRuntime, device: WebDevice): void {
  const options = applied;
  const wasm = ort.env.wasm;
  if (options.wasmPaths !== undefined) wasm.wasmPaths = options.wasmPaths;
  // The binary given (or workerd's uploaded module) is the plain build's: the `wasm` runtime's.
  // (Where both devices resolve to one module, Node and workerd, `webgpu` never starts: no adapter.)
  if (device === 'wasm') {
    const module = options.wasmModule ?? (options.wasmBinary === undefined ? defaultWasmModule : undefined);
    if (module !== undefined) wasm.wasmBinary = useWasmModule(module);
    else if (options.wasmBinary !== undefined) wasm.wasmBinary = options.wasmBinary;
  }
  wasm.numThreads = options.numThreads ?? defaultNumThreads();
  wasm.proxy = options.proxy ?? false;
  if (options.logLevel !== undefined) ort.env.logLevel = options.logLevel;
}

/** Takes a freshly imported runtime (before any session of it) and applies the environment to it. */
export function adoptRuntime(ort: OrtRuntime, device: WebDevice): OrtRuntime {
  loaded.set(device, ort);
  applyEnv(ort, device);
  return ort;
}

/** Called by the backend just before ORT initialises; applies defaults if nobody configured. */
export function lockOrtEnv(): void {
  if (locked) return;
  if (Object.keys(applied).length === 0) configureOrt({});
  locked = true;
}

/**
 * What ORT runs with (after the first model loaded): threads, proxy, the wasm path setting, and
 * the builds imported so far (`wasm`: the plain build; `webgpu`: the JSEP build).
 */
export function ortEnvInfo(): {
  numThreads: number;
  proxy: boolean;
  wasmPaths: OrtWasmPaths | undefined;
  version: string;
  initialized: boolean;
  runtimes: WebDevice[];
} {
  const ort = loaded.get('wasm') ?? loaded.get('webgpu');
  const w = ort?.env.wasm;
  return {
    numThreads: w?.numThreads ?? applied.numThreads ?? defaultNumThreads(),
    proxy: w?.proxy ?? applied.proxy ?? false,
    wasmPaths: (w?.wasmPaths as OrtWasmPaths | undefined) ?? applied.wasmPaths,
    version: ort?.env.versions.web ?? '',
    initialized: locked,
    runtimes: [...loaded.keys()],
  };
}
