// One loaded model, whatever it is (the bare encoder, a task head): a folder read (an ONNX export
// as it is, or a checkpoint built into the class's graph, through the graph cache), a backend
// session made of it, and runs that name their outputs. The model classes of core and heads are
// thin layers over this.
import type { ConvBertConfig } from '@convbert/config';
import { CoreError } from '../errors.js';
import { OUTPUT_NAMES } from '../model/output-names.js';
import type { DType } from '../onnx/dtype.js';
import type { StateDict } from '../weights/state-dict.js';
import type { Backend, Session, SessionOptions, Tensor } from './backend.js';
import { cachedBuild, cachedGraph, type GraphCache, sessionOptionsFor, weightsKeyPart } from './graph-cache.js';
import type { InputLimits } from './inputs.js';
import { type LoadOptions, loadModelFiles } from './load.js';
import { OutputTensor } from './output-tensor.js';
import type { ModelSource } from './source.js';

/** How every model class loads: core's folder options plus the session's and the graph cache. */
export interface ModelLoadOptions extends LoadOptions {
  session?: SessionOptions;
  /** Keeps built graphs between loads (the second load of a checkpoint skips the build). */
  graphCache?: GraphCache;
}

/** Where a loaded model came from. */
export interface ModelInfo {
  /** `built`: graph made from the checkpoint by this library; `onnx`: an export loaded as is. */
  kind: 'built' | 'onnx';
  /** The file it came from (`model.safetensors`, `onnx/model.onnx`, ...). */
  file: string;
  dtype: DType | undefined;
  /** Whether a built graph came from the graph cache instead of being built now. */
  cached?: boolean;
}

/** The graph a class builds from a checkpoint: what names it in the graph cache, and the builder. */
export interface GraphRecipe {
  /** The cache-key part that tells this graph from the others built from the same checkpoint. */
  key(dtype: DType): string;
  /** The graph's ONNX bytes from a configuration and weights. */
  build(config: ConvBertConfig, weights: StateDict, dtype: DType | undefined): Uint8Array;
}

/** What a model class is, as `ModelSession.load` needs it (for messages and the files it asks for). */
export interface ModelKind {
  /** The class name users know (`ConvBertForMaskedLM`), for messages. */
  readonly name: string;
  readonly graph: GraphRecipe;
  /** `tensorflow` for the `TFConvBert*` classes: `tf_model.h5` is preferred. */
  readonly framework?: 'pytorch' | 'tensorflow';
  /** The class cannot work without config.json (sizes, labels), even next to an ONNX export. */
  readonly needsConfig?: boolean;
}

/** Outputs every model may add to its own: per layer, when asked for and the graph has them. */
export interface LayerOutputs {
  hiddenStates?: OutputTensor<Float32Array>[];
  attentions?: OutputTensor<Float32Array>[];
  convKernels?: OutputTensor<Float32Array>[];
}

/** Extra outputs `forward` can return (built graphs only). */
export interface ForwardOptions {
  /** Also return `hidden_states.0 … N` (built graphs only). */
  outputHiddenStates?: boolean;
  /** Also return the self-attention probabilities per layer (built graphs only). */
  outputAttentions?: boolean;
  /** Also return the dynamic-convolution kernels per layer, `[B, L, heads, k]` (built graphs only). */
  outputConvKernels?: boolean;
}

const LAYER_OUTPUTS = [
  ['outputHiddenStates', 'hiddenStates', OUTPUT_NAMES.hiddenState, 'hidden_states.*'],
  ['outputAttentions', 'attentions', OUTPUT_NAMES.attention, 'attentions.*'],
  ['outputConvKernels', 'convKernels', OUTPUT_NAMES.convKernel, 'conv_kernels.*'],
] as const;

function floatTensor(t: Tensor | undefined, name: string): OutputTensor<Float32Array> {
  if (t === undefined) throw new CoreError('BACKEND_OUTPUT_MISSING', `the backend returned no "${name}"`);
  if (!(t.data instanceof Float32Array)) throw new CoreError('BACKEND_OUTPUT_MISSING', `output "${name}" is not float32`);
  return new OutputTensor(t.data, t.dims);
}

/** The input limits a configuration sets (none without one: a bare ONNX export). */
export function inputLimits(config: ConvBertConfig | undefined): InputLimits {
  if (config === undefined) return {};
  return { vocabSize: config.vocab_size, maxPositions: config.max_position_embeddings, typeVocabSize: config.type_vocab_size };
}

/** A model folder loaded on a backend: its configuration, where it came from, and runs. */
export class ModelSession {
  readonly config: ConvBertConfig | undefined;
  readonly info: ModelInfo;
  private readonly kind: string;
  private session: Session | undefined;

  private constructor(session: Session, config: ConvBertConfig | undefined, info: ModelInfo, kind: string) {
    this.session = session;
    this.config = config;
    this.info = info;
    this.kind = kind;
  }

  /** Loads a model folder as `kind`: an ONNX export as is, or a checkpoint built into `kind.graph`. */
  static async load(source: ModelSource, backend: Backend, kind: ModelKind, options: ModelLoadOptions = {}): Promise<ModelSession> {
    const dtype = options.dtype ?? 'fp32';
    const cache = options.graphCache;
    // A source that names its weights' content (URL + ETag) lets a cached graph skip reading them.
    let named: string | undefined;
    const files = await loadModelFiles(source, {
      ...options,
      framework: kind.framework ?? options.framework,
      inPlace: backend.externalData === true,
      needsConfig: kind.needsConfig ? kind.name : undefined,
      cachedGraph: async (configText, file) => {
        const identity = cache && (await source.identity?.(file));
        if (!identity) return undefined;
        named = `source-file:${file}:${identity}`;
        return cachedGraph(cache!, [configText, named, kind.graph.key(dtype)], options.onProgress);
      },
    });
    if (files.kind === 'onnx') {
      const session = await backend.createSession(files.bytes, options.session);
      return new ModelSession(session, files.config, { kind: 'onnx', file: files.file, dtype: undefined }, kind.name);
    }
    if (files.kind === 'cached') {
      const session = await backend.createSession(files.graph, options.session);
      return new ModelSession(session, files.config, { kind: 'built', file: files.file, dtype, cached: true }, kind.name);
    }
    const { graph, cached } = await cachedBuild(
      cache,
      [files.configText, named ?? weightsKeyPart(files), kind.graph.key(dtype)],
      () => kind.graph.build(files.config, files.weights, options.dtype),
      options.onProgress,
    ).finally(() => files.local?.file.close());
    const session = await backend.createSession(graph, sessionOptionsFor(files, options.session));
    return new ModelSession(session, files.config, { kind: 'built', file: files.file, dtype, cached }, kind.name);
  }

  private live(): Session {
    if (this.session === undefined) throw new CoreError('MODEL_DISPOSED', 'the model was disposed: load it again');
    return this.session;
  }

  /** Output names the loaded graph offers. */
  get outputNames(): readonly string[] {
    return this.live().outputNames;
  }

  /** `make(0)`, `make(1)`, … while the graph has them; refused when asked for and there are none. */
  private layerOutputs(make: (i: number) => string, what: string): string[] {
    const available = new Set(this.live().outputNames);
    const names: string[] = [];
    for (let i = 0; available.has(make(i)); i++) names.push(make(i));
    if (names.length === 0) {
      throw new CoreError(
        'BACKEND_OUTPUT_MISSING',
        `this model has no ${what} outputs (it has: ${[...available].join(', ')}; an ONNX export?): load the checkpoint to build a graph that has them`,
      );
    }
    return names;
  }

  /** Runs the feeds the graph declares and returns the named float outputs plus the per-layer ones asked for. */
  async run<Name extends string>(
    feeds: Record<string, Tensor>,
    outputs: readonly Name[],
    options: ForwardOptions = {},
  ): Promise<{ named: Record<Name, OutputTensor<Float32Array>>; layers: LayerOutputs }> {
    const session = this.live();
    for (const name of outputs) {
      if (!session.outputNames.includes(name)) {
        throw new CoreError(
          'BACKEND_OUTPUT_MISSING',
          `the model has no "${name}" output (it has: ${session.outputNames.join(', ')}): it is not a ${this.kind} export`,
        );
      }
    }
    const asked = LAYER_OUTPUTS.filter(([option]) => options[option]).map(
      ([, field, make, what]) => [field, this.layerOutputs(make, what)] as const,
    );
    // Only the inputs the graph declares: some exports drop token_type_ids.
    const used = Object.fromEntries(Object.entries(feeds).filter(([k]) => session.inputNames.includes(k)));
    const out = await session.run(used, [...outputs, ...asked.flatMap(([, names]) => names)]);
    const named = Object.fromEntries(outputs.map((n) => [n, floatTensor(out[n], n)])) as Record<Name, OutputTensor<Float32Array>>;
    const layers: LayerOutputs = {};
    for (const [field, names] of asked) layers[field] = names.map((n) => floatTensor(out[n], n));
    return { named, layers };
  }

  /** Releases the session; a later call fails with `MODEL_DISPOSED`. */
  async dispose(): Promise<void> {
    const s = this.session;
    this.session = undefined;
    await s?.release();
  }
}
