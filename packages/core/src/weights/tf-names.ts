// TensorFlow variable names and layouts -> the PyTorch state dict, as transformers'
// `convert_tf_weight_name_to_pt_weight_name` and `apply_transpose` (modeling_tf_pytorch_utils.py)
// map them for the TFConvBert* classes (modeling_tf_convbert.py).
import { WeightsError } from '../errors.js';

/** How the TF tensor's elements are rearranged into the PyTorch one. */
export type TfLayout =
  /** same order (biases, LayerNorm, embeddings, and reshapes such as `[A] -> [A, 1]`) */
  | { kind: 'same'; shape: number[] }
  /** every axis reversed: a Dense kernel `[in, out] -> [out, in]`, the grouped kernel `[o, i, g] -> [g, i, o]`, the pointwise kernel `[1, H, A] -> [A, H, 1]` */
  | { kind: 'reverse'; shape: number[] }
  /** the depthwise kernel `[k, H, 1] -> [H, 1, k]` */
  | { kind: 'depthwise'; shape: number[] };

export interface TfMapping {
  /** PyTorch state-dict key (with the `convbert.` prefix the head classes use). */
  key: string;
  layout: TfLayout;
}

/** Every parameter name a ConvBERT class (any head) has in PyTorch, `convbert.`-prefixed for the encoder. */
const KNOWN_KEYS = new RegExp(
  '^(?:convbert\\.(?:' +
    [
      'embeddings\\.(?:word_embeddings|position_embeddings|token_type_embeddings)\\.weight',
      'embeddings\\.LayerNorm\\.(?:weight|bias)',
      'embeddings_project\\.(?:weight|bias)',
      'encoder\\.layer\\.\\d+\\.attention\\.self\\.(?:query|key|value|conv_kernel_layer|conv_out_layer)\\.(?:weight|bias)',
      'encoder\\.layer\\.\\d+\\.attention\\.self\\.key_conv_attn_layer\\.(?:depthwise\\.weight|pointwise\\.weight|bias)',
      'encoder\\.layer\\.\\d+\\.(?:attention\\.output|intermediate|output)\\.dense\\.(?:weight|bias)',
      'encoder\\.layer\\.\\d+\\.(?:attention\\.output|output)\\.LayerNorm\\.(?:weight|bias)',
    ].join('|') +
    ')|' +
    [
      'generator_predictions\\.(?:dense|LayerNorm)\\.(?:weight|bias)',
      'generator_lm_head\\.(?:weight|bias)',
      'classifier\\.(?:dense\\.|out_proj\\.)?(?:weight|bias)',
      'qa_outputs\\.(?:weight|bias)',
    ].join('|') +
    ')$',
);

function shapeError(tfName: string, shape: readonly number[], what: string): never {
  throw new WeightsError('WEIGHT_SHAPE', `has shape [${shape.join(', ')}] but ${what} (tf_model.h5)`, tfName);
}

/**
 * The PyTorch key and layout of one TF variable (`tf_conv_bert_for_masked_lm/convbert/.../kernel:0`).
 * A name that no ConvBERT class has is a `WEIGHT_UNEXPECTED` error naming it.
 */
export function mapTfWeight(tfName: string, shape: readonly number[]): TfMapping {
  const parts = tfName.replace(/:\d+$/, '').split('/');
  // parts[0] is the model's scope (Keras' snake case of the class name): loaders ignore it
  const path = parts.slice(1).join('.').replace(/_\._/g, '.');
  const dot = path.lastIndexOf('.');
  const owner = path.slice(0, dot);
  const leaf = path.slice(dot + 1);
  let key: string;
  let layout: TfLayout = { kind: 'same', shape: [...shape] };
  if (leaf === 'kernel') {
    key = `${owner}.weight`;
    if (shape.length !== 2 && shape.length !== 3) shapeError(tfName, shape, 'a Dense kernel is 2-D ([in, out]) or 3-D (grouped)');
    layout = { kind: 'reverse', shape: [...shape].reverse() };
  } else if (leaf === 'depthwise_kernel') {
    key = `${owner}.depthwise.weight`;
    const [k, h, one] = shape;
    if (shape.length !== 3 || one !== 1) shapeError(tfName, shape, 'a depthwise kernel is [kernel_size, hidden, 1]');
    layout = { kind: 'depthwise', shape: [h as number, 1, k as number] };
  } else if (leaf === 'pointwise_kernel') {
    key = `${owner}.pointwise.weight`;
    if (shape.length !== 3 || shape[0] !== 1) shapeError(tfName, shape, 'a pointwise kernel is [1, hidden, out]');
    layout = { kind: 'reverse', shape: [...shape].reverse() };
  } else if (leaf === 'gamma' || leaf === 'embeddings' || leaf === 'weight') {
    key = `${owner}.weight`;
  } else if (leaf === 'beta' || leaf === 'bias') {
    key = `${owner}.bias`;
    // SeparableConv1D's bias is `[A]` in TF, `[A, 1]` in PyTorch
    if (owner.endsWith('.key_conv_attn_layer')) {
      if (shape.length !== 1) shapeError(tfName, shape, 'the separable convolution bias is 1-D');
      layout = { kind: 'same', shape: [shape[0] as number, 1] };
    }
  } else {
    key = path;
  }
  if (!KNOWN_KEYS.test(key)) {
    throw new WeightsError(
      'WEIGHT_UNEXPECTED',
      `maps to "${key}", which no ConvBERT class has: the file is not a ConvBERT checkpoint or was saved by a different class (tf_model.h5)`,
      tfName,
    );
  }
  return { key, layout };
}

/** Rearranges `src` (TF order, shape `tfShape`) into the PyTorch layout; a copy. */
export function applyLayout<T extends Float32Array | Float64Array | Uint16Array>(src: T, tfShape: readonly number[], layout: TfLayout): T {
  if (layout.kind === 'same') return src;
  const out = new (src.constructor as new (n: number) => T)(src.length);
  if (layout.kind === 'depthwise') {
    // [k, H, 1] -> [H, 1, k]
    const [k, h] = tfShape as [number, number];
    for (let j = 0; j < k; j++) for (let c = 0; c < h; c++) out[c * k + j] = src[j * h + c] as number;
    return out;
  }
  if (tfShape.length === 2) {
    const [rows, cols] = tfShape as [number, number];
    for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = src[r * cols + c] as number;
    return out;
  }
  // 3-D, all axes reversed: out[c][b][a] = src[a][b][c]
  const [n0, n1, n2] = tfShape as [number, number, number];
  for (let a = 0; a < n0; a++)
    for (let b = 0; b < n1; b++) for (let c = 0; c < n2; c++) out[(c * n1 + b) * n0 + a] = src[(a * n1 + b) * n2 + c] as number;
  return out;
}
