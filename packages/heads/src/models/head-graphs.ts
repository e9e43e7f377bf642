// The five task heads as ONNX sub-graphs on top of core's encoder, exactly as transformers 4.36
// computes them (see fixtures/README.md, "Behaviour of the reference").
import type { ConvBertConfig } from '@convbert/config';
import {
  activation,
  addConvBertEncoder,
  BATCH_DIM,
  type DType,
  type EncoderGraph,
  GraphBuilder,
  layerNorm,
  linear,
  OUTPUT_NAMES,
  SEQUENCE_DIM,
  type StateDict,
} from '@convbert/core/graph';
import { HeadsError } from '../errors.js';

/** The task heads this package builds on the encoder. */
export type HeadKind = 'masked-lm' | 'sequence-classification' | 'multiple-choice' | 'token-classification' | 'question-answering';
/** Every `HeadKind`, in the order of `transformers`' ConvBERT classes. */
export const HEAD_KINDS: readonly HeadKind[] = [
  'masked-lm',
  'sequence-classification',
  'multiple-choice',
  'token-classification',
  'question-answering',
];

export const CHOICES_DIM = 'num_choices';
const FLAT_CHOICES_DIM = 'batch_size_x_num_choices';

/** Graph output names, as Hugging Face Optimum names them (and the fixtures' ONNX exports). */
export const HEAD_OUTPUTS = { logits: 'logits', startLogits: 'start_logits', endLogits: 'end_logits' } as const;

/** `ConvBertGeneratorPredictions` + `generator_lm_head`: dense H→E, erf-GELU (always), LayerNorm(E), tied vocabulary projection. */
export function addMaskedLMHead(g: GraphBuilder, enc: EncoderGraph): string {
  const c = enc.config;
  const E = c.embedding_size;
  const H = c.hidden_size;
  let x = linear(enc.params, enc.lastHiddenState, 'generator_predictions.dense', H, E);
  // ConvBertGeneratorPredictions uses get_activation("gelu") whatever hidden_act says.
  x = activation(g, x, 'gelu');
  x = layerNorm(enc.params, x, 'generator_predictions.LayerNorm', E, c.layer_norm_eps);
  // tie_word_embeddings (default): generator_lm_head.weight is the word-embedding matrix.
  const weight =
    c.tie_word_embeddings || !enc.params.weights.has('generator_lm_head.weight')
      ? g.op('Transpose', [enc.wordEmbeddings], { perm: [1, 0] })
      : enc.params.linearWeight('generator_lm_head.weight', c.vocab_size, E);
  return g.op('Add', [g.op('MatMul', [x, weight]), enc.params.vector('generator_lm_head.bias', [c.vocab_size])]);
}

/** `ConvBertClassificationHead`: position 0 → dense H→H → ACT2FN[hidden_act] → out_proj. */
export function addSequenceClassificationHead(g: GraphBuilder, enc: EncoderGraph): string {
  const c = enc.config;
  const H = c.hidden_size;
  const first = g.op('Gather', [enc.lastHiddenState, g.int64([0], [])], { axis: 1 });
  const x = activation(g, linear(enc.params, first, 'classifier.dense', H, H), c.hidden_act);
  return linear(enc.params, x, 'classifier.out_proj', H, c.num_labels);
}

/** `classifier` Linear on every position. */
export function addTokenClassificationHead(enc: EncoderGraph): string {
  return linear(enc.params, enc.lastHiddenState, 'classifier', enc.config.hidden_size, enc.config.num_labels);
}

/** `qa_outputs` Linear to 2, split into start / end logits `[B, L]`. */
export function addQuestionAnsweringHead(g: GraphBuilder, enc: EncoderGraph): { start: string; end: string } {
  const c = enc.config;
  if (c.num_labels !== 2) {
    throw new HeadsError('MODEL_OUTPUT', `a question-answering head needs num_labels = 2 (start, end), the config has ${c.num_labels}`);
  }
  const logits = linear(enc.params, enc.lastHiddenState, 'qa_outputs', c.hidden_size, 2);
  const [start, end] = g.node('Split', [logits, g.int64([1, 1])], { attrs: { axis: -1 }, outputs: 2 }) as [string, string];
  const axis = g.int64([-1]);
  return { start: g.op('Squeeze', [start, axis]), end: g.op('Squeeze', [end, axis]) };
}

/**
 * `[B, C, L]` inputs flattened to `[B·C, L]`, encoded, and `SequenceSummary` with ConvBertConfig's
 * (missing) `summary_*` fields: the LAST position, no projection, no activation; then
 * `classifier` H→1, reshaped to `[B, C]`.
 */
function addMultipleChoice(g: GraphBuilder, config: ConvBertConfig, weights: StateDict, dtype: DType) {
  const dims = [BATCH_DIM, CHOICES_DIM, SEQUENCE_DIM];
  const ids = g.input('input_ids', 'int64', dims);
  const mask = g.input('attention_mask', 'int64', dims);
  const types = g.input('token_type_ids', 'int64', dims);
  const shape = g.op('Shape', [ids]);
  const flatShape = g.op('Concat', [g.int64([-1]), g.op('Slice', [shape, g.int64([2]), g.int64([3])])], { axis: 0 });
  const flat = (t: string) => g.op('Reshape', [t, flatShape]);
  const enc = addConvBertEncoder(g, config, weights, {
    dtype,
    inputs: { inputIds: flat(ids), attentionMask: flat(mask), tokenTypeIds: flat(types) },
  });
  const last = g.op('Gather', [enc.lastHiddenState, g.int64([-1], [])], { axis: 1 });
  const scores = linear(enc.params, last, 'classifier', config.hidden_size, 1);
  const outShape = g.op('Concat', [g.int64([-1]), g.op('Slice', [shape, g.int64([1]), g.int64([2])])], { axis: 0 });
  return { enc, logits: g.op('Reshape', [scores, outShape]) };
}

/** How `buildHeadGraph` stores weights (`dtype`) and which ONNX opset it targets. */
export interface BuildHeadOptions {
  dtype?: DType;
  opset?: number;
}

/**
 * A whole `ConvBertForX` graph as ONNX bytes. Inputs `input_ids` / `attention_mask` /
 * `token_type_ids` (int64 `[B, L]`, or `[B, C, L]` for multiple choice); outputs `logits` (or
 * `start_logits` + `end_logits`), `last_hidden_state`, `hidden_states.0…N`, `attentions.0…N-1` and
 * `conv_kernels.0…N-1` (the dynamic-convolution softmax weights `[B, L, heads, k]`).
 */
export function buildHeadGraph(kind: HeadKind, config: ConvBertConfig, weights: StateDict, options: BuildHeadOptions = {}): Uint8Array {
  const g = new GraphBuilder({ opset: options.opset, graphName: kind });
  const dtype = options.dtype ?? 'fp32';
  const H = config.hidden_size;
  // Multiple choice encodes the flattened [B·C, L] batch.
  const rowsDim = kind === 'multiple-choice' ? FLAT_CHOICES_DIM : BATCH_DIM;
  const seqDims = [rowsDim, SEQUENCE_DIM];
  let enc: EncoderGraph;
  switch (kind) {
    case 'multiple-choice': {
      const mc = addMultipleChoice(g, config, weights, dtype);
      enc = mc.enc;
      g.output(HEAD_OUTPUTS.logits, mc.logits, 'float32', [BATCH_DIM, CHOICES_DIM]);
      break;
    }
    case 'masked-lm':
      enc = addConvBertEncoder(g, config, weights, { dtype });
      g.output(HEAD_OUTPUTS.logits, addMaskedLMHead(g, enc), 'float32', [BATCH_DIM, SEQUENCE_DIM, config.vocab_size]);
      break;
    case 'sequence-classification':
      enc = addConvBertEncoder(g, config, weights, { dtype });
      g.output(HEAD_OUTPUTS.logits, addSequenceClassificationHead(g, enc), 'float32', [BATCH_DIM, config.num_labels]);
      break;
    case 'token-classification':
      enc = addConvBertEncoder(g, config, weights, { dtype });
      g.output(HEAD_OUTPUTS.logits, addTokenClassificationHead(enc), 'float32', [BATCH_DIM, SEQUENCE_DIM, config.num_labels]);
      break;
    case 'question-answering': {
      enc = addConvBertEncoder(g, config, weights, { dtype });
      const qa = addQuestionAnsweringHead(g, enc);
      g.output(HEAD_OUTPUTS.startLogits, qa.start, 'float32', [BATCH_DIM, SEQUENCE_DIM]);
      g.output(HEAD_OUTPUTS.endLogits, qa.end, 'float32', [BATCH_DIM, SEQUENCE_DIM]);
      break;
    }
    default:
      throw new HeadsError('UNKNOWN_TASK', `unknown head ${JSON.stringify(kind)}: use one of ${HEAD_KINDS.join(', ')}`);
  }
  // The encoder's states, flattened over choices for multiple choice ([B·C, L, H]).
  g.output(OUTPUT_NAMES.lastHiddenState, enc.lastHiddenState, 'float32', [...seqDims, H]);
  enc.hiddenStates.forEach((t, i) => {
    g.output(OUTPUT_NAMES.hiddenState(i), t, 'float32', [...seqDims, H]);
  });
  enc.attentions.forEach((t, i) => {
    g.output(OUTPUT_NAMES.attention(i), t, 'float32', [rowsDim, config.derived.numHeads, SEQUENCE_DIM, SEQUENCE_DIM]);
  });
  enc.convKernels.forEach((t, i) => {
    g.output(OUTPUT_NAMES.convKernel(i), t, 'float32', [rowsDim, SEQUENCE_DIM, config.derived.numHeads, config.conv_kernel_size]);
  });
  return g.toBytes();
}
