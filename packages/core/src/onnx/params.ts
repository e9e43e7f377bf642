import { floatsToHalf } from '../weights/dtypes.js';
import type { StateDict } from '../weights/state-dict.js';
import type { GraphBuilder } from './builder.js';

/**
 * Precision of the built graph's weights. Computation is float32 in every case (ONNX Runtime's
 * CPU kernels are float32; float16 compute would mostly add casts):
 * - `fp32`: weights as stored;
 * - `fp16`: matrices and embedding tables stored as float16 and cast to float32 in the graph
 *   (half the file; ORT folds the cast once at session creation);
 * - `int8`: matrices quantised symmetrically per output channel (embedding tables per row) and
 *   expanded by `DequantizeLinear` before their MatMul / Gather. Biases and LayerNorm stay float32.
 */
export type DType = 'fp32' | 'fp16' | 'int8';

export const DTYPES: readonly DType[] = ['fp32', 'fp16', 'int8'];

/** Symmetric int8 quantisation of a row-major [rows, cols] matrix, one scale per column. */
function quantizeColumns(w: Float32Array, rows: number, cols: number): { q: Int8Array; scale: Float32Array } {
  const scale = new Float32Array(cols);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) scale[c] = Math.max(scale[c] as number, Math.abs(w[r * cols + c] as number));
  }
  for (let c = 0; c < cols; c++) scale[c] = (scale[c] as number) / 127 || 1;
  const q = new Int8Array(w.length);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) q[r * cols + c] = Math.round((w[r * cols + c] as number) / (scale[c] as number));
  }
  return { q, scale };
}

function transpose(w: Float32Array, rows: number, cols: number): Float32Array {
  const t = new Float32Array(w.length);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) t[c * rows + r] = w[r * cols + c] as number;
  return t;
}

/**
 * Puts checkpoint tensors into a graph at the chosen precision. Every method returns the name
 * of a float32 tensor, so graph code does not depend on the precision. Initializers keep their
 * state-dict names (as `torch.onnx.export` does) for readable graphs.
 */
export class GraphParams {
  readonly g: GraphBuilder;
  readonly weights: StateDict;
  readonly dtype: DType;
  private readonly cache = new Map<string, string>();

  constructor(g: GraphBuilder, weights: StateDict, dtype: DType = 'fp32') {
    this.g = g;
    this.weights = weights;
    this.dtype = dtype;
  }

  private memo(key: string, make: () => string): string {
    const hit = this.cache.get(key);
    if (hit !== undefined) return hit;
    const name = make();
    this.cache.set(key, name);
    return name;
  }

  /** A small float32 tensor (bias, LayerNorm), always full precision. */
  vector(name: string, shape: readonly number[], reshape: readonly number[] = shape): string {
    return this.memo(`vector:${name}:${reshape.join('x')}`, () =>
      this.g.initializer(name, { dtype: 'float32', dims: reshape, data: this.weights.float32(name, shape) }),
    );
  }

  /** A float matrix or tensor stored at the chosen precision, `int8` quantised along `axis`. */
  private stored(name: string, data: Float32Array, dims: readonly number[], quantAxis: number): string {
    if (this.dtype === 'fp16') {
      const half = floatsToHalf(data);
      return this.g.op('Cast', [this.g.initializer(`${name}.fp16`, { dtype: 'float16', dims, data: half })], { to: 1 });
    }
    if (this.dtype === 'int8') {
      const cols = dims[quantAxis] as number;
      // Quantise over a [outer*... , cols, inner] view: one scale per index on `quantAxis`.
      const view = quantAxis === dims.length - 1 ? data : transposeAxisLast(data, dims, quantAxis);
      const { q, scale } = quantizeColumns(view, view.length / cols, cols);
      const stored = quantAxis === dims.length - 1 ? q : untransposeAxisLast(q, dims, quantAxis);
      const qn = this.g.initializer(`${name}.int8`, { dtype: 'int8', dims, data: stored });
      const sn = this.g.initializer(`${name}.scale`, { dtype: 'float32', dims: [cols], data: scale });
      const zn = this.g.initializer(`${name}.zero_point`, { dtype: 'int8', dims: [cols], data: new Int8Array(cols) });
      return this.g.op('DequantizeLinear', [qn, sn, zn], { axis: quantAxis });
    }
    return this.g.initializer(name, { dtype: 'float32', dims, data });
  }

  /** A Linear weight stored `[out, in]` in the checkpoint (or `storedShape` of as many values, e.g. a 1x1 convolution's `[out, in, 1]`), as a float32 `[in, out]` tensor for MatMul. */
  linearWeight(name: string, outFeatures: number, inFeatures: number, storedShape: readonly number[] = [outFeatures, inFeatures]): string {
    return this.memo(`linear:${name}`, () => {
      const w = this.weights.float32(name, storedShape);
      return this.stored(name, transpose(w, outFeatures, inFeatures), [inFeatures, outFeatures], 1);
    });
  }

  /**
   * Several Linear weights that read the same input, side by side as one float32 `[in, Σ out]`
   * tensor (for one MatMul instead of several). Per-output-channel int8 scales are unchanged by
   * the concatenation, so each projection is quantised exactly as on its own.
   */
  concatLinearWeights(names: readonly string[], outFeatures: readonly number[], inFeatures: number): string {
    return this.memo(`linears:${names.join('+')}`, () => {
      const total = outFeatures.reduce((a, b) => a + b, 0);
      const joined = new Float32Array(total * inFeatures);
      let row = 0;
      names.forEach((name, i) => {
        const out = outFeatures[i] as number;
        joined.set(this.weights.float32(name, [out, inFeatures]), row * inFeatures);
        row += out;
      });
      return this.stored(names.join('+'), transpose(joined, total, inFeatures), [inFeatures, total], 1);
    });
  }

  /** Several bias vectors end to end, float32. */
  concatVectors(names: readonly string[], sizes: readonly number[]): string {
    return this.memo(`vectors:${names.join('+')}`, () => {
      const joined = new Float32Array(sizes.reduce((a, b) => a + b, 0));
      let at = 0;
      names.forEach((name, i) => {
        joined.set(this.weights.float32(name, [sizes[i] as number]), at);
        at += sizes[i] as number;
      });
      return this.g.initializer(names.join('+'), { dtype: 'float32', dims: [joined.length], data: joined });
    });
  }

  /** Any float tensor at the chosen precision, `int8` quantised per index of `quantAxis`. */
  tensor(name: string, shape: readonly number[], quantAxis = shape.length - 1, reshape: readonly number[] = shape): string {
    return this.memo(`tensor:${name}:${reshape.join('x')}`, () => this.stored(name, this.weights.float32(name, shape), reshape, quantAxis));
  }

  /** An embedding table `[rows, width]` (int8: one scale per row). */
  embedding(name: string, rows: number, width: number): string {
    return this.memo(`embedding:${name}`, () => this.stored(name, this.weights.float32(name, [rows, width]), [rows, width], 0));
  }
}

/** Moves `axis` last (row-major data), so per-axis scales become per-column. */
function transposeAxisLast(data: Float32Array, dims: readonly number[], axis: number): Float32Array {
  const outer = dims.slice(0, axis).reduce((a, b) => a * b, 1);
  const n = dims[axis] as number;
  const inner = dims.slice(axis + 1).reduce((a, b) => a * b, 1);
  const out = new Float32Array(data.length);
  for (let o = 0; o < outer; o++)
    for (let a = 0; a < n; a++) for (let i = 0; i < inner; i++) out[(o * inner + i) * n + a] = data[(o * n + a) * inner + i] as number;
  return out;
}

function untransposeAxisLast(data: Int8Array, dims: readonly number[], axis: number): Int8Array {
  const outer = dims.slice(0, axis).reduce((a, b) => a * b, 1);
  const n = dims[axis] as number;
  const inner = dims.slice(axis + 1).reduce((a, b) => a * b, 1);
  const out = new Int8Array(data.length);
  for (let o = 0; o < outer; o++)
    for (let a = 0; a < n; a++) for (let i = 0; i < inner; i++) out[(o * n + a) * inner + i] = data[(o * inner + i) * n + a] as number;
  return out;
}
