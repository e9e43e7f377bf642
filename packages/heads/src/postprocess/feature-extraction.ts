// Pooling of the encoder's last hidden state for feature extraction.
import { HeadsError } from '../errors.js';
import type { FloatTensor } from '../tensor.js';

/** How feature extraction reduces the token axis: not at all, the `[CLS]` vector, or the mean over real tokens. */
export type Pooling = 'none' | 'cls' | 'mean';

/**
 * `none`: the `[seq, hidden]` states of every token (special tokens included, as the reference's
 * feature-extraction pipeline returns them); `cls`: the `[hidden]` state of position 0; `mean`: the
 * average over positions whose attention mask is 1. `normalize` scales each output vector to unit
 * L2 norm.
 */
export function poolHiddenStates(
  hidden: ArrayLike<number>,
  seqLen: number,
  hiddenSize: number,
  attentionMask: ArrayLike<number>,
  pooling: Pooling,
  normalize: boolean,
): FloatTensor {
  let out: FloatTensor;
  if (pooling === 'none') {
    out = { data: Float32Array.from({ length: seqLen * hiddenSize }, (_, i) => hidden[i]), dims: [seqLen, hiddenSize] };
  } else if (pooling === 'cls') {
    out = { data: Float32Array.from({ length: hiddenSize }, (_, i) => hidden[i]), dims: [hiddenSize] };
  } else if (pooling === 'mean') {
    const sum = new Float64Array(hiddenSize);
    let count = 0;
    for (let t = 0; t < seqLen; t++) {
      if (!attentionMask[t]) continue;
      count++;
      for (let h = 0; h < hiddenSize; h++) sum[h] += hidden[t * hiddenSize + h];
    }
    out = { data: Float32Array.from(sum, (v) => v / Math.max(count, 1)), dims: [hiddenSize] };
  } else {
    throw new HeadsError('INVALID_OPTION', `pooling must be "none", "cls" or "mean", got ${JSON.stringify(pooling)}`);
  }
  if (normalize) {
    const rows = out.data.length / hiddenSize;
    for (let r = 0; r < rows; r++) {
      const v = out.data.subarray(r * hiddenSize, (r + 1) * hiddenSize);
      let norm = 0;
      for (const x of v) norm += x * x;
      // Same guard as torch.nn.functional.normalize (eps = 1e-12).
      const scale = 1 / Math.max(Math.sqrt(norm), 1e-12);
      for (let i = 0; i < v.length; i++) v[i] *= scale;
    }
  }
  return out;
}
