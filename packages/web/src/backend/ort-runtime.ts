// Which onnxruntime-web build a device runs on, imported when a model first needs it: `wasm` gets
// the plain SIMD/threaded build (ort-wasm-simd-threaded.wasm, 14 MB), `webgpu` the JSEP build
// (ort-wasm-simd-threaded.jsep.wasm, 28 MB: wasm + WebGPU). A page that never asks for WebGPU
// never fetches the larger file, and its CPU kernels run 10–20% faster in the plain build (the
// JSEP build's wasm is instrumented for asynchronous GPU calls). Node, Bun and Deno resolve both
// names to onnxruntime-web's node build, workerd to the plain build: one runtime there.
import type * as Ort from 'onnxruntime-web';
import type { WebDevice } from './device.js';
import { adoptRuntime } from './env.js';

export type OrtRuntime = typeof Ort;

const runtimes = new Map<WebDevice, Promise<OrtRuntime>>();

/** The runtime of `device`, imported once per page, with the configured environment applied. */
export function ortRuntime(device: WebDevice): Promise<OrtRuntime> {
  let loading = runtimes.get(device);
  if (loading === undefined) {
    loading = (device === 'webgpu' ? import('#ort/webgpu') : import('#ort/wasm')).then(
      (ort: OrtRuntime) => adoptRuntime(ort, device),
      (err: unknown) => {
        // A failed import (offline, a file the bundler did not copy) may succeed on the next load.
        runtimes.delete(device);
        throw err;
      },
    );
    runtimes.set(device, loading);
  }
  return loading;
}
