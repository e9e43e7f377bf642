// Shared loading and running of a head model on any backend (core's `Backend` / `Session`).
import type { ConvBertConfig } from '@convbert/config';
import {
  type Backend,
  cachedBuild,
  type DType,
  type GraphCache,
  type LoadOptions,
  loadModelFiles,
  type ModelSource,
  OUTPUT_NAMES,
  OutputTensor,
  type Session,
  type SessionOptions,
  sessionOptionsFor,
  type Tensor,
  weightsKeyPart,
} from '@convbert/core';
import { HeadsError } from '../errors.js';
import { buildHeadGraph, type HeadKind } from './head-graphs.js';

export interface HeadLoadOptions extends LoadOptions {
  session?: SessionOptions;
  /** Keeps built graphs between loads (the second load of a checkpoint skips the build). */
  graphCache?: GraphCache;
}

export interface HeadModelInfo {
  head: HeadKind;
  /** `built`: graph made from the checkpoint by this library; `onnx`: an export loaded as is. */
  kind: 'built' | 'onnx';
  file: string;
  dtype: DType | undefined;
  /** Whether a built graph came from the graph cache. */
  cached?: boolean;
}

export interface HeadForwardOptions {
  /** Also return `hidden_states.0 … N` (built graphs only). */
  outputHiddenStates?: boolean;
  /** Also return the self-attention probabilities per layer (built graphs only). */
  outputAttentions?: boolean;
  /** Also return the dynamic-convolution kernels per layer, `[B, L, heads, k]` (built graphs only). */
  outputConvKernels?: boolean;
}

/** Outputs every head may add to its logits. */
export interface EncoderExtras {
  hiddenStates?: OutputTensor<Float32Array>[];
  attentions?: OutputTensor<Float32Array>[];
  convKernels?: OutputTensor<Float32Array>[];
}

/** Loads a model folder as a head: an ONNX export as is, or a checkpoint built into the head's graph. */
export async function loadHeadSession(
  head: HeadKind,
  source: ModelSource,
  backend: Backend,
  options: HeadLoadOptions = {},
): Promise<{ session: Session; config: ConvBertConfig; info: HeadModelInfo }> {
  const files = await loadModelFiles(source, { ...options, inPlace: backend.externalData === true });
  if (files.config === undefined) {
    throw new HeadsError('MODEL_FILES', `${source.id} has no config.json: a task head needs it (labels, sizes)`);
  }
  if (files.kind === 'onnx') {
    const session = await backend.createSession(files.bytes, options.session);
    return { session, config: files.config, info: { head, kind: 'onnx', file: files.file, dtype: undefined } };
  }
  const recipe = JSON.stringify({ graph: head, dtype: options.dtype ?? 'fp32' });
  const { graph, cached } = await cachedBuild(
    options.graphCache,
    [files.configText, weightsKeyPart(files), recipe],
    () => buildHeadGraph(head, files.config, files.weights, { dtype: options.dtype }),
    options.onProgress,
  ).finally(() => files.local?.file.close());
  const session = await backend.createSession(graph, sessionOptionsFor(files, options.session));
  return { session, config: files.config, info: { head, kind: 'built', file: files.file, dtype: options.dtype ?? 'fp32', cached } };
}

function floatTensor(t: Tensor | undefined, name: string): OutputTensor<Float32Array> {
  if (t === undefined) throw new HeadsError('MODEL_OUTPUT', `the backend returned no "${name}"`);
  if (!(t.data instanceof Float32Array)) throw new HeadsError('MODEL_OUTPUT', `output "${name}" is not float32`);
  return new OutputTensor(t.data, t.dims);
}

/** The common part of the `ConvBertForX` classes: a session, its configuration, feeds and outputs. */
export abstract class ConvBertHeadModel {
  readonly config: ConvBertConfig;
  readonly info: HeadModelInfo;
  private session: Session | undefined;

  constructor(session: Session, config: ConvBertConfig, info: HeadModelInfo) {
    this.session = session;
    this.config = config;
    this.info = info;
  }

  protected live(): Session {
    if (this.session === undefined) throw new HeadsError('MODEL_DISPOSED', 'the model was disposed: load it again');
    return this.session;
  }

  private layerOutputs(make: (i: number) => string, asked: boolean | undefined, what: string): string[] {
    if (!asked) return [];
    const available = new Set(this.live().outputNames);
    const names: string[] = [];
    for (let i = 0; available.has(make(i)); i++) names.push(make(i));
    if (names.length === 0) {
      throw new HeadsError(
        'MODEL_OUTPUT',
        `this model has no ${what} outputs (an ONNX export?); load the checkpoint to build a graph that has them`,
      );
    }
    return names;
  }

  /** Runs the session on int64 feeds and returns the named float outputs plus the requested extras. */
  protected async run(
    feeds: Record<string, Tensor>,
    outputs: readonly string[],
    options: HeadForwardOptions = {},
  ): Promise<{ named: Record<string, OutputTensor<Float32Array>>; extras: EncoderExtras }> {
    const session = this.live();
    const hidden = this.layerOutputs(OUTPUT_NAMES.hiddenState, options.outputHiddenStates, 'hidden_states.*');
    const attentions = this.layerOutputs(OUTPUT_NAMES.attention, options.outputAttentions, 'attentions.*');
    const kernels = this.layerOutputs(OUTPUT_NAMES.convKernel, options.outputConvKernels, 'conv_kernels.*');
    for (const name of outputs) {
      if (!session.outputNames.includes(name)) {
        throw new HeadsError(
          'MODEL_OUTPUT',
          `the model has no "${name}" output (it has ${session.outputNames.join(', ')}): is it a ${this.info.head} model?`,
        );
      }
    }
    // Only the inputs the graph declares: some exports drop token_type_ids.
    const used = Object.fromEntries(Object.entries(feeds).filter(([k]) => session.inputNames.includes(k)));
    const out = await session.run(used, [...outputs, ...hidden, ...attentions, ...kernels]);
    const named = Object.fromEntries(outputs.map((n) => [n, floatTensor(out[n], n)]));
    const extras: EncoderExtras = {};
    if (options.outputHiddenStates) extras.hiddenStates = hidden.map((n) => floatTensor(out[n], n));
    if (options.outputAttentions) extras.attentions = attentions.map((n) => floatTensor(out[n], n));
    if (options.outputConvKernels) extras.convKernels = kernels.map((n) => floatTensor(out[n], n));
    return { named, extras };
  }

  async dispose(): Promise<void> {
    const s = this.session;
    this.session = undefined;
    await s?.release();
  }
}
