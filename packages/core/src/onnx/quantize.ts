/**
 * Weight quantisation for dynamically quantised products: symmetric, one scale per output
 * column (per group too for grouped weights), so that x·W = (xq - xz)·Wq · (xs · scale) with
 * activations quantised at run time by `DynamicQuantizeLinear`.
 */
export interface QuantizedMatrix {
  /** `int8` values, or `uint8` with zero point 128 (the same levels shifted). */
  q: Int8Array | Uint8Array;
  /** Scales `[..., 1, N]`: one per column of each matrix. */
  scale: Float32Array;
  scaleDims: number[];
}

/** Quantises `[..., K, N]` row-major float data per (matrix, column) to 8 bits. */
export function quantizePerColumn(w: Float32Array, dims: readonly number[], unsigned: boolean): QuantizedMatrix {
  const N = dims[dims.length - 1] as number;
  const K = dims.length > 1 ? (dims[dims.length - 2] as number) : 1;
  const batch = w.length / (K * N);
  const scale = new Float32Array(batch * N);
  for (let b = 0; b < batch; b++) {
    for (let k = 0; k < K; k++) {
      const row = (b * K + k) * N;
      for (let n = 0; n < N; n++) scale[b * N + n] = Math.max(scale[b * N + n] as number, Math.abs(w[row + n] as number));
    }
  }
  for (let i = 0; i < scale.length; i++) scale[i] = (scale[i] as number) / 127 || 1;
  const q = unsigned ? new Uint8Array(w.length) : new Int8Array(w.length);
  const shift = unsigned ? 128 : 0;
  for (let b = 0; b < batch; b++) {
    for (let k = 0; k < K; k++) {
      const row = (b * K + k) * N;
      for (let n = 0; n < N; n++) q[row + n] = Math.round((w[row + n] as number) / (scale[b * N + n] as number)) + shift;
    }
  }
  return { q, scale, scaleDims: [...dims.slice(0, -2), 1, N] };
}
