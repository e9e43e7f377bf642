import type { ConvBertConfig } from '@convbert/config';
import type { Dim, GraphBuilder } from '../onnx/builder.js';
import type { DType } from '../onnx/dtype.js';
import { GraphParams } from '../onnx/params.js';
import type { StateDict } from '../weights/state-dict.js';
import { type EncoderBlocks, FUSED_BLOCKS } from './blocks.js';
import type { EncoderContext } from './context.js';
import { embeddings } from './embeddings.js';
import { convBertLayer } from './layer.js';

/** `torch.finfo(torch.float32).min`: the reference adds `(1 - mask) * min` to attention scores. */
export const FLOAT32_MIN = -3.4028234663852886e38;

/** Symbolic dimension names of the graph inputs and outputs. */
export const BATCH_DIM = 'batch_size';
/** The symbolic name of the sequence axis of the graph's inputs and outputs. */
export const SEQUENCE_DIM = 'sequence_length';

/** How the encoder sub-graph is added to a graph: precision, blocks, outputs per layer. */
export interface EncoderOptions {
  /** Weight precision (default `fp32`). */
  dtype?: DType;
  /**
   * The layer's blocks: `FUSED_BLOCKS` (default: the projections sharing an input as one MatMul,
   * grouped layers group by group, the faster convolution forms) or `REFERENCE_BLOCKS` (each block
   * as the reference writes it). Same outputs.
   */
  blocks?: EncoderBlocks;
  /**
   * Existing int64 `[B, L]` tensors to encode instead of declaring the graph inputs
   * `input_ids` / `attention_mask` / `token_type_ids` (e.g. a multiple-choice head that
   * flattens `[B, C, L]` first).
   */
  inputs?: { inputIds: string; attentionMask: string; tokenTypeIds: string };
}

/** What `addConvBertEncoder` added: tensor names a head builds on. */
export interface EncoderGraph {
  readonly inputIds: string;
  readonly attentionMask: string;
  readonly tokenTypeIds: string;
  /** Final hidden state `[B, L, hidden_size]` (float32). */
  readonly lastHiddenState: string;
  /** `hidden_states.0` (embeddings, after `embeddings_project`) … `hidden_states.N`. */
  readonly hiddenStates: readonly string[];
  /** Self-attention probabilities per layer, `[B, heads, L, L]`. */
  readonly attentions: readonly string[];
  /** Dynamic-convolution kernels per layer (softmax over the taps), `[B, L, heads, k]`. */
  readonly convKernels: readonly string[];
  /** The word-embedding matrix `[vocab_size, embedding_size]` as float32, for tied LM heads. */
  readonly wordEmbeddings: string;
  /** The sequence length as an int64 scalar tensor. */
  readonly sequenceLength: string;
  /** Weight access at the encoder's precision, for head layers (`linear(enc.params, ...)`). */
  readonly params: GraphParams;
  readonly config: ConvBertConfig;
}

/** The int64 graph inputs with dynamic batch and sequence axes. */
export function addEncoderInputs(g: GraphBuilder, dims: readonly Dim[] = [BATCH_DIM, SEQUENCE_DIM]) {
  return {
    inputIds: g.input('input_ids', 'int64', dims),
    attentionMask: g.input('attention_mask', 'int64', dims),
    tokenTypeIds: g.input('token_type_ids', 'int64', dims),
  };
}

/**
 * Adds the ConvBERT encoder (`ConvBertModel`) to `g` from a configuration and a state dict
 * (keys with or without `convbert.`). Declares no outputs: the caller picks them.
 */
export function addConvBertEncoder(
  g: GraphBuilder,
  config: ConvBertConfig,
  weights: StateDict,
  options: EncoderOptions = {},
): EncoderGraph {
  const params = new GraphParams(g, weights, options.dtype ?? 'fp32');
  const ctx: EncoderContext = { g, p: params, config, sizes: config.derived, prefix: '', blocks: options.blocks ?? FUSED_BLOCKS };
  const io = options.inputs ?? addEncoderInputs(g);
  const seqLen = g.op('Squeeze', [g.op('Shape', [io.inputIds], { start: 1, end: 2 }), g.int64([0])]);

  const mask = g.op('Cast', [io.attentionMask], { to: 1 });
  const inverted = g.op('Sub', [g.float([1]), mask]);
  const additive = g.op('Unsqueeze', [g.op('Mul', [inverted, g.float([FLOAT32_MIN])]), g.int64([1, 2])]);

  const hiddenStates = [embeddings(ctx, io.inputIds, io.tokenTypeIds, seqLen)];
  const attentions: string[] = [];
  const convKernels: string[] = [];
  for (let i = 0; i < config.num_hidden_layers; i++) {
    const layer = convBertLayer(ctx, hiddenStates[i], additive, seqLen, i);
    hiddenStates.push(layer.output);
    attentions.push(layer.attentionProbs);
    convKernels.push(layer.convKernels);
  }
  return {
    ...io,
    lastHiddenState: hiddenStates[hiddenStates.length - 1],
    hiddenStates,
    attentions,
    convKernels,
    // A getter: only a head that ties its LM weights adds the full-table tensor to the graph.
    get wordEmbeddings() {
      return params.embedding('embeddings.word_embeddings.weight', config.vocab_size, config.embedding_size);
    },
    sequenceLength: seqLen,
    params,
    config,
  };
}
