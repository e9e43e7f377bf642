import { type ExternalWeight, floatsToHalf } from '../weights/dtypes.js';
import type { StateDict } from '../weights/state-dict.js';
import type { GraphBuilder } from './builder.js';
import type { DType } from './dtype.js';
import { quantizePerColumn } from './quantize.js';

/** Whether a dtype's products are dynamically quantised (and with which weight type). */
function integerWeights(dtype: DType): 'int8' | 'uint8' | undefined {
  if (dtype === 'int8' || dtype === 'q8') return 'int8';
  return dtype === 'uint8' ? 'uint8' : undefined;
}

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

/** Initializer names of a quantised matrix: values, per-column scales, zero point. */
export interface IntegerWeight {
  q: string;
  scale: string;
  zero: string;
}

/** A weight matrix ready for `GraphParams.product`. */
export type Matrix = { float: string } | IntegerWeight;

/**
 * Puts checkpoint tensors into a graph at the chosen precision. Every method returns the name
 * of a float32 tensor (`matrix` a handle for `product`, whose result is float32), so graph code
 * does not depend on the precision. Initializers keep their
 * state-dict names (as `torch.onnx.export` does) for readable graphs.
 */
export class GraphParams {
  readonly g: GraphBuilder;
  readonly weights: StateDict;
  readonly dtype: DType;
  private readonly cache = new Map<string, unknown>();

  constructor(g: GraphBuilder, weights: StateDict, dtype: DType = 'fp32') {
    this.g = g;
    this.weights = weights;
    this.dtype = dtype;
  }

  private memo<T>(key: string, make: () => T): T {
    const hit = this.cache.get(key) as T | undefined;
    if (hit !== undefined) return hit;
    const name = make();
    this.cache.set(key, name);
    return name;
  }

  /**
   * A float32 initializer of a checkpoint tensor as stored (`dims`: same count as `shape`). A
   * float32 tensor read in place from a local file (`openSafetensors`) becomes ONNX external
   * data pointing into that file: neither copied into the graph nor held here.
   */
  private float32Initializer(name: string, shape: readonly number[], dims: readonly number[] = shape): string {
    const external = this.externalF32(name, shape);
    if (external !== undefined) return this.g.externalInitializer(name, { dtype: 'float32', dims, ...external });
    return this.g.initializer(name, { dtype: 'float32', dims, data: this.weights.float32(name, shape) });
  }

  /** A small float32 tensor (bias, LayerNorm), always full precision. */
  vector(name: string, shape: readonly number[], reshape: readonly number[] = shape): string {
    return this.memo(`vector:${name}:${reshape.join('x')}`, () => this.float32Initializer(name, shape, reshape));
  }

  /** A float matrix or tensor stored at the chosen precision, `int8` quantised along `axis`. */
  private stored(name: string, data: Float32Array, dims: readonly number[], quantAxis: number): string {
    if (this.dtype === 'fp16') {
      const half = floatsToHalf(data);
      return this.g.op('Cast', [this.g.initializer(`${name}.fp16`, { dtype: 'float16', dims, data: half })], { to: 1 });
    }
    if (integerWeights(this.dtype) !== undefined) {
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
      // float32: the checkpoint's bytes as they are, transposed by ONNX Runtime's constant folding
      // (native, once, at session creation) instead of element by element here.
      if (this.dtype === 'fp32') return this.transposed(this.float32Initializer(name, storedShape, [outFeatures, inFeatures]));
      const w = this.weights.float32(name, storedShape);
      return this.stored(name, transpose(w, outFeatures, inFeatures), [inFeatures, outFeatures], 1);
    });
  }

  /**
   * A `[..., K, N]` float matrix (already laid out for MatMul) made ready for `product` at the
   * chosen precision: a float32 tensor, or int8/uint8 values with per-column scales.
   */
  matrix(name: string, data: Float32Array, dims: readonly number[]): Matrix {
    return this.memo(`matrix:${name}`, () =>
      integerWeights(this.dtype) === undefined
        ? { float: this.stored(name, data, dims, dims.length - 1) }
        : this.integerWeight(name, data, dims),
    );
  }

  /**
   * Whether float32 Linear weights are read in place from a file (ONNX external data): then the
   * product reads them as stored, `[out, in]`, through `FusedMatMul(transB)`, whose B ONNX
   * Runtime packs once straight from the file's bytes. A `Transpose` would be constant-folded
   * into a transposed copy first: more time and memory at session creation.
   */
  private inPlace(names: readonly string[], storedShape?: readonly number[]): boolean {
    if (this.dtype !== 'fp32') return false;
    return names.every((name) => this.externalF32(name, names.length === 1 ? storedShape : undefined) !== undefined);
  }

  /**
   * Where a float32 tensor's bytes are in its file, when they can be used as they are: float32 and
   * 4-byte aligned in the file (a safetensors header not padded as the reference pads it shifts
   * every tensor; ONNX Runtime may map the file and read the floats where they lie).
   */
  private externalF32(name: string, shape?: readonly number[]): ExternalWeight | undefined {
    const t = this.weights.get(name, shape);
    return t.dtype === 'F32' && t.external !== undefined && t.external.offset % 4 === 0 ? t.external : undefined;
  }

  private transBProduct(x: string, weight: string): string {
    return this.g.node('FusedMatMul', [x, weight], { domain: 'com.microsoft', attrs: { transB: 1 } })[0] as string;
  }

  /** `x · m`: a MatMul, or a dynamically quantised product for the integer dtypes. */
  product(x: string, m: Matrix): string {
    return 'float' in m ? this.g.op('MatMul', [x, m.float]) : this.integerProduct(x, m);
  }

  /** `x · Wᵀ` for a Linear weight (`[out, in]` in the checkpoint, or `storedShape`), at the chosen precision. */
  linearProduct(
    x: string,
    name: string,
    outFeatures: number,
    inFeatures: number,
    storedShape: readonly number[] = [outFeatures, inFeatures],
  ): string {
    if (integerWeights(this.dtype) === undefined) {
      if (this.inPlace([name], storedShape))
        return this.transBProduct(
          x,
          this.memo(`inplace:${name}`, () => this.float32Initializer(name, storedShape, [outFeatures, inFeatures])),
        );
      return this.g.op('MatMul', [x, this.linearWeight(name, outFeatures, inFeatures, storedShape)]);
    }
    const w = transpose(this.weights.float32(name, storedShape), outFeatures, inFeatures);
    return this.product(x, this.matrix(name, w, [inFeatures, outFeatures]));
  }

  /** `x · [W₀ᵀ W₁ᵀ …]` for Linear weights sharing their input (see `concatLinearWeights`). */
  linearsProduct(x: string, names: readonly string[], outFeatures: readonly number[], inFeatures: number): string {
    if (integerWeights(this.dtype) === undefined) {
      if (this.inPlace(names)) {
        const joined = this.memo(`inplace:${names.join('+')}`, () =>
          this.g.op(
            'Concat',
            names.map((name, i) => this.float32Initializer(name, [outFeatures[i] as number, inFeatures])),
            { axis: 0 },
          ),
        );
        return this.transBProduct(x, joined);
      }
      return this.g.op('MatMul', [x, this.concatLinearWeights(names, outFeatures, inFeatures)]);
    }
    const total = outFeatures.reduce((a, b) => a + b, 0);
    const joined = new Float32Array(total * inFeatures);
    let row = 0;
    names.forEach((name, i) => {
      joined.set(this.weights.float32(name, [outFeatures[i] as number, inFeatures]), row * inFeatures);
      row += outFeatures[i] as number;
    });
    return this.product(x, this.matrix(names.join('+'), transpose(joined, total, inFeatures), [inFeatures, total]));
  }

  /** `x · T` for a stored `[..., K, N]` tensor (grouped Linear weights), at the chosen precision. */
  tensorProduct(x: string, name: string, shape: readonly number[]): string {
    return this.product(x, this.matrix(name, this.weights.float32(name, shape), shape));
  }

  /** Rows `ids` of an embedding table `[rows, width]`, as float32. */
  gatherRows(name: string, rows: number, width: number, ids: string): string {
    if (integerWeights(this.dtype) === undefined) return this.g.op('Gather', [this.embedding(name, rows, width), ids]);
    const [q, scale] = this.memo<[string, string]>(`qrows:${name}`, () => {
      // one scale per row: quantise the transposed table per column
      const { q, scale } = quantizePerColumn(transpose(this.weights.float32(name, [rows, width]), rows, width), [width, rows], false);
      const back = new Int8Array(q.length);
      for (let r = 0; r < rows; r++) for (let c = 0; c < width; c++) back[r * width + c] = q[c * rows + r] as number;
      const qn = this.g.initializer(`${name}.int8`, { dtype: 'int8', dims: [rows, width], data: back });
      const sn = this.g.initializer(`${name}.scale`, { dtype: 'float32', dims: [rows, 1], data: scale });
      return [qn, sn];
    });
    const values = this.g.op('Cast', [this.g.op('Gather', [q, ids])], { to: 1 });
    return this.g.op('Mul', [values, this.g.op('Gather', [scale, ids])]);
  }

  private integerWeight(name: string, data: Float32Array, dims: readonly number[]): IntegerWeight {
    const unsigned = integerWeights(this.dtype) === 'uint8';
    const { q, scale, scaleDims } = quantizePerColumn(data, dims, unsigned);
    const qn = unsigned
      ? this.g.initializer(`${name}.uint8`, { dtype: 'uint8', dims, data: q as Uint8Array })
      : this.g.initializer(`${name}.int8`, { dtype: 'int8', dims, data: q as Int8Array });
    const sn = this.g.initializer(`${name}.scale`, { dtype: 'float32', dims: scaleDims, data: scale });
    const zn = unsigned
      ? this.g.initializer(`${name}.zero_point`, { dtype: 'uint8', dims: [], data: Uint8Array.of(128) })
      : this.g.initializer(`${name}.zero_point`, { dtype: 'int8', dims: [], data: Int8Array.of(0) });
    return { q: qn, scale: sn, zero: zn };
  }

  /** The pattern `onnxruntime.quantization.quantize_dynamic` writes, which ORT fuses into `DynamicQuantizeMatMul`. */
  private integerProduct(x: string, { q, scale, zero }: IntegerWeight): string {
    const [xq, xs, xz] = this.activationQuantized(x);
    const acc = this.g.op('MatMulInteger', [xq, q, xz, zero]);
    return this.g.op('Mul', [this.g.op('Cast', [acc], { to: 1 }), this.g.op('Mul', [xs, scale])]);
  }

  private activationQuantized(x: string): [string, string, string] {
    return this.memo(`dql:${x}`, () => this.g.node('DynamicQuantizeLinear', [x], { outputs: 3 }) as [string, string, string]);
  }

  /**
   * Several Linear weights that read the same input, side by side as one float32 `[in, Σ out]`
   * tensor (for one MatMul instead of several). Per-output-channel int8 scales are unchanged by
   * the concatenation, so each projection is quantised exactly as on its own.
   */
  concatLinearWeights(names: readonly string[], outFeatures: readonly number[], inFeatures: number): string {
    return this.memo(`linears:${names.join('+')}`, () => {
      if (this.dtype === 'fp32') {
        const parts = names.map((name, i) => this.float32Initializer(name, [outFeatures[i] as number, inFeatures]));
        return this.transposed(this.g.op('Concat', parts, { axis: 0 }));
      }
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

  private transposed(matrix: string): string {
    return this.g.op('Transpose', [matrix], { perm: [1, 0] });
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
    return this.memo(`tensor:${name}:${reshape.join('x')}`, () =>
      this.dtype === 'fp32'
        ? this.float32Initializer(name, shape, reshape)
        : this.stored(name, this.weights.float32(name, shape), reshape, quantAxis),
    );
  }

  /** An embedding table `[rows, width]` (int8: one scale per row). */
  embedding(name: string, rows: number, width: number): string {
    return this.memo(`embedding:${name}`, () =>
      this.dtype === 'fp32'
        ? this.float32Initializer(name, [rows, width])
        : this.stored(name, this.weights.float32(name, [rows, width]), [rows, width], 0),
    );
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
