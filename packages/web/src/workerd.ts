// @convbert/web for Cloudflare Workers (workerd), chosen by the `workerd` / `worker` export
// conditions: ONNX Runtime's plain wasm build (no WebGPU there; a third of the jsep build's
// size), uploaded by the bundler as a compiled module because workerd forbids compiling wasm
// at run time.
import ortWasm from 'onnxruntime-web/ort-wasm-simd-threaded.wasm';
import { setDefaultWasmModule } from './backend/env.js';

setDefaultWasmModule(ortWasm);

export * from './index.js';
