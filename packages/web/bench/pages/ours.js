// The bench page of @convbert/web: what a site bundling the package runs. The driver calls
// `window.bench.*` (page.evaluate); times are taken here, around the model call only.
import * as web from '@convbert/web';
// The build the package runs for device wasm (the plain one), for ORT's profiler.
import * as ort from 'onnxruntime-web/wasm';
import { batchOf, timed } from './common.js';

const q = new URLSearchParams(location.search);
const threads = Number(q.get('threads') ?? 1);
web.configureOrt({ wasmPaths: new URL('/ort/', location.href).href, numThreads: threads });

const contenders = new Map();
let profiled = [];

window.bench = {
  crossOriginIsolated,
  /** A model folder through the package's loader (the path users take). */
  async loadModel(id, url, options = {}) {
    const model = await web.ConvBertModel.fromPretrained(url, { graphCache: false, ...options });
    contenders.set(
      id,
      async (batch) =>
        (
          await model.forward({
            inputIds: { data: batch.ids, dims: batch.dims },
            attentionMask: { data: batch.mask, dims: batch.dims },
            tokenTypeIds: { data: batch.types, dims: batch.dims },
          })
        ).lastHiddenState.data,
    );
  },
  /** A graph file through the package's backend (graph variants built by the bench). */
  async loadGraph(id, url, options = {}) {
    const bytes = new Uint8Array(await (await fetch(url)).arrayBuffer());
    const session = await web.backendFor(options.device ?? 'wasm').createSession(bytes, options.session);
    contenders.set(id, async (batch) => {
      const feeds = {
        input_ids: { data: batch.ids, dims: batch.dims },
        attention_mask: { data: batch.mask, dims: batch.dims },
        token_type_ids: { data: batch.types, dims: batch.dims },
      };
      return (
        await session.run(Object.fromEntries(Object.entries(feeds).filter(([k]) => session.inputNames.includes(k))), ['last_hidden_state'])
      ).last_hidden_state.data;
    });
  },
  /** Milliseconds of one call (and the output, base64 float32, when asked). */
  run: (id, B, L, withOutput = false) => timed(contenders.get(id), B, L, withOutput),
  /** Profiled sessions of several graphs, run in turn (`profileRounds`), each profile printed by `endProfile`. */
  async startProfiles(urls, options = {}) {
    ort.env.wasm.wasmPaths ??= new URL('/ort/', location.href).href;
    ort.env.wasm.numThreads = threads;
    profiled = [];
    for (const url of urls) {
      const bytes = new Uint8Array(await (await fetch(url)).arrayBuffer());
      profiled.push(
        await ort.InferenceSession.create(bytes, {
          executionProviders: ['wasm'],
          graphOptimizationLevel: 'all',
          enableProfiling: true,
          ...options,
        }),
      );
    }
  },
  async profileRounds(B, L, rounds) {
    const batch = batchOf(B, L);
    const all = {
      input_ids: new ort.Tensor('int64', batch.ids, batch.dims),
      attention_mask: new ort.Tensor('int64', batch.mask, batch.dims),
      token_type_ids: new ort.Tensor('int64', batch.types, batch.dims),
    };
    for (let r = 0; r < rounds; r++)
      for (const s of profiled)
        await s.run(Object.fromEntries(Object.entries(all).filter(([k]) => s.inputNames.includes(k))), ['last_hidden_state']);
  },
  async endProfile(i) {
    profiled[i].endProfiling();
    await profiled[i].release();
  },
  /** Milliseconds to create (then release) an ORT session of the graph at `url` with `options` (ORT's own), `n` times. */
  async ortSessionMs(url, n, options = {}) {
    const bytes = new Uint8Array(await (await fetch(url)).arrayBuffer());
    ort.env.wasm.wasmPaths ??= new URL('/ort/', location.href).href;
    ort.env.wasm.numThreads = threads;
    const times = [];
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      const s = await ort.InferenceSession.create(bytes, { executionProviders: ['wasm'], ...options });
      times.push(performance.now() - t0);
      await s.release();
    }
    return times;
  },
  /**
   * Time to first result as a page sees it: feature extraction of one sentence, loaded from `url`
   * (download, graph build or cache, ONNX Runtime's wasm, session, first call). Milliseconds since
   * navigation start, and when each loading step ended.
   */
  async firstResult(url, options = {}) {
    const steps = [];
    // When each file arrived (the page's own fetches: model files, ORT's wasm).
    const pageFetch = window.fetch;
    window.fetch = async (input, init) => {
      const r = await pageFetch(input, init);
      const name = String(input.url ?? input)
        .split('/')
        .at(-1);
      // Noted when the body has arrived, without holding the response back. ORT's wasm is noted
      // when its response starts and handed over untouched: V8 compiles it as it streams in, and a
      // cloned (teed) body is one more copy on the way.
      if (name.endsWith('.wasm')) {
        steps.push([`${name} (response)`, Math.round(performance.now())]);
        return r;
      }
      r.clone()
        .arrayBuffer()
        .then((body) => steps.push([`${name} (${(body.byteLength / 1e6).toFixed(1)} MB)`, Math.round(performance.now())]));
      return r;
    };
    const extract = await web.pipeline('feature-extraction', url, {
      ...options,
      onProgress: (e) => {
        if (e.loaded === e.total || e.loaded === 0)
          steps.push([`${e.step ?? e.file}${e.loaded === 0 ? ' start' : ''}`, Math.round(performance.now())]);
      },
    });
    steps.push(['loaded', Math.round(performance.now())]);
    const out = await extract('a gorgeous, witty, seductive movie.');
    const ms = performance.now();
    // A visitor stays on the page after the first result: let the graph's write into Cache
    // Storage (it does not hold the first result back) end before the bench closes the page.
    await new web.CacheStorageGraphCache().flushed();
    await extract.dispose();
    return { ms, steps, dims: out.dims ?? [out.length] };
  },
  ortInfo: () => web.ortEnvInfo(),
};
