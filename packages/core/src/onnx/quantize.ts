/**
 * Weight quantisation, the one quantiser of the graph builder: symmetric 8-bit, one scale per
 * output column (per group too for grouped weights), so that x·W = (xq - xz)·Wq · (xs · scale)
 * with activations quantised at run time by `DynamicQuantizeLinear`.
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
  const N = dims[dims.length - 1];
  const K = dims.length > 1 ? dims[dims.length - 2] : 1;
  const batch = w.length / (K * N);
  const scale = new Float32Array(batch * N);
  for (let b = 0; b < batch; b++) {
    for (let k = 0; k < K; k++) {
      const row = (b * K + k) * N;
      for (let n = 0; n < N; n++) scale[b * N + n] = Math.max(scale[b * N + n], Math.abs(w[row + n]));
    }
  }
  for (let i = 0; i < scale.length; i++) scale[i] = scale[i] / 127 || 1;
  const q = unsigned ? new Uint8Array(w.length) : new Int8Array(w.length);
  const shift = unsigned ? 128 : 0;
  for (let b = 0; b < batch; b++) {
    for (let k = 0; k < K; k++) {
      const row = (b * K + k) * N;
      for (let n = 0; n < N; n++) q[row + n] = Math.round(w[row + n] / scale[b * N + n]) + shift;
    }
  }
  return { q, scale, scaleDims: [...dims.slice(0, -2), 1, N] };
}

/** Symmetric int8 with one scale per index of `axis` (in the data's own layout), for `DequantizeLinear`. */
export function quantizePerAxis(data: Float32Array, dims: readonly number[], axis: number): { q: Int8Array; scale: Float32Array } {
  const n = dims[axis];
  if (axis === dims.length - 1) {
    const { q, scale } = quantizePerColumn(data, [data.length / n, n], false);
    return { q: q as Int8Array, scale };
  }
  // Quantise over a [outer·inner, n] view: one scale per index on `axis`.
  const { q, scale } = quantizePerColumn(moveAxis(data, new Float32Array(data.length), dims, axis, true), [data.length / n, n], false);
  return { q: moveAxis(q as Int8Array, new Int8Array(q.length), dims, axis, false), scale };
}

/** A row-major `[rows, cols]` matrix transposed. */
export function transpose(w: Float32Array, rows: number, cols: number): Float32Array {
  const t = new Float32Array(w.length);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) t[c * rows + r] = w[r * cols + c];
  return t;
}

/**
 * Moves `axis` of row-major data last (`toLast`), so per-axis scales become per-column, or back
 * again, writing into `out`.
 */
function moveAxis<A extends Float32Array | Int8Array>(data: A, out: A, dims: readonly number[], axis: number, toLast: boolean): A {
  const outer = dims.slice(0, axis).reduce((a, b) => a * b, 1);
  const n = dims[axis];
  const inner = dims.slice(axis + 1).reduce((a, b) => a * b, 1);
  for (let o = 0; o < outer; o++) {
    for (let a = 0; a < n; a++) {
      for (let i = 0; i < inner; i++) {
        const last = (o * inner + i) * n + a;
        const here = (o * n + a) * inner + i;
        if (toLast) out[last] = data[here];
        else out[here] = data[last];
      }
    }
  }
  return out;
}
