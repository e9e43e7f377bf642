// How a graph stores its weights: float32 as the checkpoint has them, float16, or 8-bit integers
// with dynamically quantised products (see `DType`). Each is one small strategy object, chosen by
// dtype, so the graph code never asks which precision it builds.
import { floatsToHalf } from '../weights/dtypes.js';
import type { StateDict } from '../weights/state-dict.js';
import type { GraphBuilder } from './builder.js';
import type { DType } from './dtype.js';
import { quantizePerAxis, quantizePerColumn, transpose } from './quantize.js';
import type { WeightSource } from './weight-source.js';

/** What the strategies use of `GraphParams`. */
export interface ParamsContext {
  readonly g: GraphBuilder;
  readonly weights: StateDict;
  readonly source: WeightSource;
  memo<T>(key: string, make: () => T): T;
  /** A Linear weight as a float32 `[in, out]` tensor (memoised). */
  linearWeight(name: string, outFeatures: number, inFeatures: number, storedShape?: readonly number[]): string;
  /** Linear weights sharing their input, side by side as one float32 `[in, Σ out]` tensor (memoised). */
  concatLinearWeights(names: readonly string[], outFeatures: readonly number[], inFeatures: number): string;
  /** A `[..., K, N]` matrix ready for a product (memoised). */
  matrix(name: string, data: Float32Array, dims: readonly number[]): Matrix;
}

/** Initializer names of a quantised matrix: values, per-column scales, zero point. */
export interface IntegerWeight {
  q: string;
  scale: string;
  zero: string;
}

/** A weight matrix ready for `GraphParams.product`: float32 `[K, N]`, float32 stored `[N, K]` (`x · Bᵀ`), or 8-bit. */
export type Matrix = { float: string } | { transposed: string } | IntegerWeight;

export interface WeightStorage {
  /** float32 as in the checkpoint: checkpoint tensors go in through the weight source, as they are. */
  readonly asStored: boolean;
  /** A float tensor at this precision, `quantAxis` the axis an 8-bit tensor gets its scales along; a float32 tensor's name. */
  store(p: ParamsContext, name: string, data: Float32Array, dims: readonly number[], quantAxis: number): string;
  /** A `[..., K, N]` float matrix made ready for products. */
  matrix(p: ParamsContext, name: string, data: Float32Array, dims: readonly number[]): Matrix;
  /** The product operand of a Linear weight (`[out, in]` in the checkpoint, or `storedShape`). */
  linearMatrix(p: ParamsContext, name: string, outFeatures: number, inFeatures: number, storedShape: readonly number[]): Matrix;
  /** The product operand of Linear weights sharing their input (one product instead of several). */
  linearsMatrix(p: ParamsContext, names: readonly string[], outFeatures: readonly number[], inFeatures: number): Matrix;
  /** Rows `ids` of an embedding table `[rows, width]`, as float32. */
  gatherRows(p: ParamsContext, name: string, rows: number, width: number, ids: string, table: () => string): string;
}

/** Linear weights end to end, `[Σ out, in]` as the checkpoint lays each out. */
export function joinedLinears(
  weights: StateDict,
  names: readonly string[],
  outFeatures: readonly number[],
  inFeatures: number,
): Float32Array {
  const joined = new Float32Array(outFeatures.reduce((a, b) => a + b, 0) * inFeatures);
  let row = 0;
  names.forEach((name, i) => {
    const out = outFeatures[i];
    joined.set(weights.float32(name, [out, inFeatures]), row * inFeatures);
    row += out;
  });
  return joined;
}

/** fp32 and fp16: products are float MatMuls with the float32 Linear weight. */
function floatStorage(asStored: boolean, store: WeightStorage['store']): WeightStorage {
  return {
    asStored,
    store,
    matrix: (p, name, data, dims) => ({ float: store(p, name, data, dims, dims.length - 1) }),
    linearMatrix(p, name, outFeatures, inFeatures, storedShape) {
      if (asStored && p.source.readsLinearsAsStored(p, [name], storedShape)) {
        return { transposed: p.memo(`inplace:${name}`, () => p.source.float32(p, name, storedShape, [outFeatures, inFeatures])) };
      }
      return { float: p.linearWeight(name, outFeatures, inFeatures, storedShape) };
    },
    linearsMatrix(p, names, outFeatures, inFeatures) {
      if (asStored && p.source.readsLinearsAsStored(p, names)) {
        const joined = p.memo(`inplace:${names.join('+')}`, () =>
          p.g.op(
            'Concat',
            names.map((name, i) => p.source.float32(p, name, [outFeatures[i], inFeatures])),
            { axis: 0 },
          ),
        );
        return { transposed: joined };
      }
      return { float: p.concatLinearWeights(names, outFeatures, inFeatures) };
    },
    gatherRows: (p, _name, _rows, _width, ids, table) => p.g.op('Gather', [table(), ids]),
  };
}

/** float32 tensors of the checkpoint's values. */
export const FP32_STORAGE = floatStorage(true, (p, name, data, dims) => p.g.initializer(name, { dtype: 'float32', dims, data }));

/** float16 tensors cast to float32 in the graph (half the file; ORT folds the cast once at session creation). */
export const FP16_STORAGE = floatStorage(false, (p, name, data, dims) =>
  p.g.op('Cast', [p.g.initializer(`${name}.fp16`, { dtype: 'float16', dims, data: floatsToHalf(data) })], { to: 1 }),
);

/** Small tensors (tied LM head, depthwise kernels) as int8 per `quantAxis`, expanded by `DequantizeLinear`. */
function dequantized(p: ParamsContext, name: string, data: Float32Array, dims: readonly number[], quantAxis: number): string {
  const cols = dims[quantAxis];
  const { q, scale } = quantizePerAxis(data, dims, quantAxis);
  const qn = p.g.initializer(`${name}.int8`, { dtype: 'int8', dims, data: q });
  const sn = p.g.initializer(`${name}.scale`, { dtype: 'float32', dims: [cols], data: scale });
  const zn = p.g.initializer(`${name}.zero_point`, { dtype: 'int8', dims: [cols], data: new Int8Array(cols) });
  return p.g.op('DequantizeLinear', [qn, sn, zn], { axis: quantAxis });
}

/** 8-bit weights (`uint8`: around zero point 128) whose products are quantised at run time. */
function integerStorage(unsigned: boolean): WeightStorage {
  const storage: WeightStorage = {
    asStored: false,
    store: dequantized,
    matrix(p, name, data, dims) {
      const { q, scale, scaleDims } = quantizePerColumn(data, dims, unsigned);
      const qn = unsigned
        ? p.g.initializer(`${name}.uint8`, { dtype: 'uint8', dims, data: q as Uint8Array })
        : p.g.initializer(`${name}.int8`, { dtype: 'int8', dims, data: q as Int8Array });
      const sn = p.g.initializer(`${name}.scale`, { dtype: 'float32', dims: scaleDims, data: scale });
      const zn = unsigned
        ? p.g.initializer(`${name}.zero_point`, { dtype: 'uint8', dims: [], data: Uint8Array.of(128) })
        : p.g.initializer(`${name}.zero_point`, { dtype: 'int8', dims: [], data: Int8Array.of(0) });
      return { q: qn, scale: sn, zero: zn };
    },
    linearMatrix(p, name, outFeatures, inFeatures, storedShape) {
      const w = transpose(p.weights.float32(name, storedShape), outFeatures, inFeatures);
      return p.matrix(name, w, [inFeatures, outFeatures]);
    },
    linearsMatrix(p, names, outFeatures, inFeatures) {
      const total = outFeatures.reduce((a, b) => a + b, 0);
      const joined = joinedLinears(p.weights, names, outFeatures, inFeatures);
      return p.matrix(names.join('+'), transpose(joined, total, inFeatures), [inFeatures, total]);
    },
    gatherRows(p, name, rows, width, ids) {
      const [q, scale] = p.memo<[string, string]>(`qrows:${name}`, () => {
        // one scale per row: quantise the transposed table per column
        const { q, scale } = quantizePerColumn(transpose(p.weights.float32(name, [rows, width]), rows, width), [width, rows], false);
        const back = new Int8Array(q.length);
        for (let r = 0; r < rows; r++) for (let c = 0; c < width; c++) back[r * width + c] = q[c * rows + r];
        const qn = p.g.initializer(`${name}.int8`, { dtype: 'int8', dims: [rows, width], data: back });
        const sn = p.g.initializer(`${name}.scale`, { dtype: 'float32', dims: [rows, 1], data: scale });
        return [qn, sn];
      });
      const values = p.g.op('Cast', [p.g.op('Gather', [q, ids])], { to: 1 });
      return p.g.op('Mul', [values, p.g.op('Gather', [scale, ids])]);
    },
  };
  return storage;
}

export const INT8_STORAGE = integerStorage(false);
export const UINT8_STORAGE = integerStorage(true);

/** The storage of each dtype (`q8` is int8). */
export const WEIGHT_STORAGE: Readonly<Record<DType, WeightStorage>> = {
  fp32: FP32_STORAGE,
  fp16: FP16_STORAGE,
  int8: INT8_STORAGE,
  q8: INT8_STORAGE,
  uint8: UINT8_STORAGE,
};
