// The bench page of transformers.js 4.3.1, set up as its users run it in a browser (its own
// onnxruntime-web, the asyncify build it picks by default), served from this origin instead of a CDN.
import { AutoModel, env, pipeline, Tensor } from '@huggingface/transformers';
import { timed } from './common.js';

const q = new URLSearchParams(location.search);
const threads = Number(q.get('threads') ?? 1);
env.allowRemoteModels = false;
env.allowLocalModels = true;
env.localModelPath = '/models/';
const ortEnv = env.backends.onnx;
ortEnv.wasm.wasmPaths = {
  wasm: new URL('/ort-tjs/ort-wasm-simd-threaded.asyncify.wasm', location.href).href,
  mjs: new URL('/ort-tjs/ort-wasm-simd-threaded.asyncify.mjs', location.href).href,
};
ortEnv.wasm.numThreads = threads;

const contenders = new Map();

window.bench = {
  crossOriginIsolated,
  async loadModel(id, name, options = {}) {
    const model = await AutoModel.from_pretrained(name, { dtype: 'fp32', device: 'wasm', ...options });
    contenders.set(id, async (b) => {
      const out = await model({
        input_ids: new Tensor('int64', b.ids, b.dims),
        attention_mask: new Tensor('int64', b.mask, b.dims),
        token_type_ids: new Tensor('int64', b.types, b.dims),
      });
      return out.last_hidden_state.data;
    });
  },
  run: (id, B, L, withOutput = false) => timed(contenders.get(id), B, L, withOutput),
  /** Time to first result (see the ours page): feature extraction of one sentence, milliseconds since navigation start. */
  async firstResult(name, options = {}) {
    const steps = [];
    const extract = await pipeline('feature-extraction', name, {
      dtype: 'fp32',
      device: 'wasm',
      ...options,
      progress_callback: (e) => {
        if (e.status === 'done') steps.push([e.file, Math.round(performance.now())]);
      },
    });
    steps.push(['loaded', Math.round(performance.now())]);
    const out = await extract('a gorgeous, witty, seductive movie.');
    const ms = performance.now();
    await extract.dispose();
    return { ms, steps, dims: out.dims };
  },
  ortInfo: () => ({ numThreads: ortEnv.wasm.numThreads, version: ortEnv.versions?.web }),
};
