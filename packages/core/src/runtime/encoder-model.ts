import type { ConvBertConfig } from '@convbert/config';
import { CoreError } from '../errors.js';
import { buildConvBertEncoder, OUTPUT_NAMES } from '../model/build.js';
import type { DType } from '../onnx/params.js';
import type { Backend, Session, SessionOptions, Tensor } from './backend.js';
import { cachedBuild, type GraphCache, sessionOptionsFor, weightsKeyPart } from './graph-cache.js';
import { type ForwardInputs, prepareEncoderFeeds } from './inputs.js';
import { type LoadOptions, loadModelFiles } from './load.js';
import { OutputTensor } from './output-tensor.js';
import type { ModelSource } from './source.js';

export interface ForwardOptions {
  outputHiddenStates?: boolean;
  outputAttentions?: boolean;
  outputConvKernels?: boolean;
}

/** `ConvBertModel`'s outputs; the optional ones when asked for and the graph has them. */
export interface EncoderOutput {
  lastHiddenState: OutputTensor<Float32Array>;
  hiddenStates?: OutputTensor<Float32Array>[];
  attentions?: OutputTensor<Float32Array>[];
  convKernels?: OutputTensor<Float32Array>[];
}

export interface EncoderModelInfo {
  /** Whether a built graph came from the graph cache instead of being built now. */
  cached?: boolean;
  /** `built`: graph made from the checkpoint by this library; `onnx`: an export loaded as is. */
  kind: 'built' | 'onnx';
  /** The file it came from (`model.safetensors`, `onnx/model.onnx`, ...). */
  file: string;
  dtype: DType | undefined;
}

export interface EncoderLoadOptions extends LoadOptions {
  session?: SessionOptions;
  /** Keeps built graphs between loads (the second load of a checkpoint skips the build). */
  graphCache?: GraphCache;
}

function floatTensor(t: Tensor | undefined, name: string): OutputTensor<Float32Array> {
  if (t === undefined) throw new CoreError('BACKEND_OUTPUT_MISSING', `the backend returned no "${name}"`);
  if (!(t.data instanceof Float32Array)) throw new CoreError('BACKEND_OUTPUT_MISSING', `output "${name}" is not float32`);
  return new OutputTensor(t.data, t.dims);
}

/**
 * The ConvBERT encoder on some backend: input checks, feeds, outputs. Platform packages
 * (`@convbert/node`, `@convbert/web`) supply the backend and the file source.
 */
export class ConvBertEncoder {
  readonly config: ConvBertConfig | undefined;
  readonly info: EncoderModelInfo;
  private session: Session | undefined;

  constructor(session: Session, config: ConvBertConfig | undefined, info: EncoderModelInfo) {
    this.session = session;
    this.config = config;
    this.info = info;
  }

  /** Loads a model folder: an ONNX export as is, or a checkpoint built into a graph. */
  static async createSession(
    source: ModelSource,
    backend: Backend,
    options: EncoderLoadOptions = {},
  ): Promise<{ session: Session; config: ConvBertConfig | undefined; info: EncoderModelInfo }> {
    const files = await loadModelFiles(source, { ...options, inPlace: backend.externalData === true });
    if (files.kind === 'onnx') {
      const session = await backend.createSession(files.bytes, options.session);
      return { session, config: files.config, info: { kind: 'onnx', file: files.file, dtype: undefined } };
    }
    const recipe = { graph: 'ConvBertModel', dtype: options.dtype ?? 'fp32', outputs: 'all' };
    const { graph, cached } = await cachedBuild(
      options.graphCache,
      [files.configText, weightsKeyPart(files), JSON.stringify(recipe)],
      () =>
        buildConvBertEncoder(files.config, files.weights, {
          dtype: options.dtype,
          outputHiddenStates: true,
          outputAttentions: true,
          outputConvKernels: true,
        }),
      options.onProgress,
    ).finally(() => files.local?.file.close());
    const session = await backend.createSession(graph, sessionOptionsFor(files, options.session));
    return { session, config: files.config, info: { kind: 'built', file: files.file, dtype: options.dtype ?? 'fp32', cached } };
  }

  static async load(source: ModelSource, backend: Backend, options: EncoderLoadOptions = {}): Promise<ConvBertEncoder> {
    const { session, config, info } = await ConvBertEncoder.createSession(source, backend, options);
    return new ConvBertEncoder(session, config, info);
  }

  /** Output names the loaded graph offers. */
  get outputNames(): readonly string[] {
    return this.live().outputNames;
  }

  private live(): Session {
    if (this.session === undefined) throw new CoreError('MODEL_DISPOSED', 'the model was disposed: load it again');
    return this.session;
  }

  private layerOutputs(make: (i: number) => string): string[] {
    const names: string[] = [];
    const available = new Set(this.live().outputNames);
    for (let i = 0; available.has(make(i)); i++) names.push(make(i));
    return names;
  }

  async forward(inputs: ForwardInputs, options: ForwardOptions = {}): Promise<EncoderOutput> {
    const session = this.live();
    if (!session.outputNames.includes(OUTPUT_NAMES.lastHiddenState)) {
      throw new CoreError(
        'BACKEND_OUTPUT_MISSING',
        `this ONNX model has no "${OUTPUT_NAMES.lastHiddenState}" output (it has: ${session.outputNames.join(', ')}): it is not a ConvBertModel export; load a task head's export with @convbert/heads`,
      );
    }
    const c = this.config;
    const { feeds } = prepareEncoderFeeds(
      inputs,
      c === undefined ? {} : { vocabSize: c.vocab_size, maxPositions: c.max_position_embeddings, typeVocabSize: c.type_vocab_size },
    );
    const wanted: string[] = [OUTPUT_NAMES.lastHiddenState];
    const hidden = options.outputHiddenStates ? this.layerOutputs(OUTPUT_NAMES.hiddenState) : [];
    const attentions = options.outputAttentions ? this.layerOutputs(OUTPUT_NAMES.attention) : [];
    const kernels = options.outputConvKernels ? this.layerOutputs(OUTPUT_NAMES.convKernel) : [];
    for (const [asked, names, what] of [
      [options.outputHiddenStates, hidden, 'hidden_states.*'],
      [options.outputAttentions, attentions, 'attentions.*'],
      [options.outputConvKernels, kernels, 'conv_kernels.*'],
    ] as const) {
      if (asked && names.length === 0) {
        throw new CoreError(
          'BACKEND_OUTPUT_MISSING',
          `this ONNX model has no ${what} outputs (it has: ${session.outputNames.join(', ')}); build the graph from the checkpoint to get them`,
        );
      }
    }
    wanted.push(...hidden, ...attentions, ...kernels);
    const out = await session.run(
      // Only the inputs the graph declares: some exports drop token_type_ids.
      Object.fromEntries(Object.entries(feeds).filter(([k]) => session.inputNames.includes(k))),
      wanted,
    );
    const result: EncoderOutput = { lastHiddenState: floatTensor(out[OUTPUT_NAMES.lastHiddenState], OUTPUT_NAMES.lastHiddenState) };
    if (options.outputHiddenStates) result.hiddenStates = hidden.map((n) => floatTensor(out[n], n));
    if (options.outputAttentions) result.attentions = attentions.map((n) => floatTensor(out[n], n));
    if (options.outputConvKernels) result.convKernels = kernels.map((n) => floatTensor(out[n], n));
    return result;
  }

  async dispose(): Promise<void> {
    const s = this.session;
    this.session = undefined;
    await s?.release();
  }
}
