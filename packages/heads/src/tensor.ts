/** A float tensor as the heads hand it out: row-major data and its shape. */
export interface FloatTensor {
  data: Float32Array;
  dims: readonly number[];
}

/** Integer model inputs (ids, masks) in row-major order with their shape `[batch, seq]` or `[batch, choices, seq]`. */
export interface IntTensor {
  data: BigInt64Array;
  dims: readonly number[];
}

export function sizeOf(dims: readonly number[]): number {
  let n = 1;
  for (const d of dims) n *= d;
  return n;
}

/** Softmax of `values[offset .. offset+n)` in float64 (max-shifted, as numpy/torch do it). */
export function softmax(values: ArrayLike<number>, offset = 0, n = values.length - offset): number[] {
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) max = Math.max(max, values[offset + i]);
  const out = new Array<number>(n);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const e = Math.exp(values[offset + i] - max);
    out[i] = e;
    sum += e;
  }
  for (let i = 0; i < n; i++) out[i] /= sum;
  return out;
}

/** log(sum(exp(x))) over a slice, computed stably. */
export function logSumExp(values: ArrayLike<number>, offset: number, n: number): number {
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) max = Math.max(max, values[offset + i]);
  if (max === Number.NEGATIVE_INFINITY) return max;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += Math.exp(values[offset + i] - max);
  return max + Math.log(sum);
}

export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** Index of the largest value; the first one on ties, as numpy's `argmax`. */
export function argmax(values: ArrayLike<number>, offset = 0, n = values.length - offset): number {
  let best = 0;
  for (let i = 1; i < n; i++) if (values[offset + i] > values[offset + best]) best = i;
  return best;
}
