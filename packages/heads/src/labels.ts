import { HeadsError } from './errors.js';

/**
 * Labels as users pass them. Like PyTorch, the *element type* matters: the reference picks
 * single-label classification for integer labels and multi-label for float labels, so
 * `BigInt64Array` / `Int32Array` (and plain arrays of whole numbers) count as integers while
 * `Float32Array` / `Float64Array` count as floats. Nested arrays give the shape.
 */
export type LabelsInput =
  | BigInt64Array
  | Int32Array
  | Float32Array
  | Float64Array
  | readonly number[]
  | readonly (readonly number[])[]
  | { data: BigInt64Array | Int32Array | Float32Array | Float64Array | readonly number[]; dims: readonly number[] };

export interface NormalizedLabels {
  values: Float64Array;
  dims: number[];
  isInteger: boolean;
}

function fromFlat(data: BigInt64Array | Int32Array | Float32Array | Float64Array | readonly number[], dims: number[]): NormalizedLabels {
  if (data instanceof BigInt64Array) {
    return { values: Float64Array.from(data, (v) => Number(v)), dims, isInteger: true };
  }
  if (data instanceof Int32Array) return { values: Float64Array.from(data), dims, isInteger: true };
  if (data instanceof Float32Array || data instanceof Float64Array) return { values: Float64Array.from(data), dims, isInteger: false };
  for (const v of data) {
    if (typeof v !== 'number' || Number.isNaN(v)) throw new HeadsError('LABELS_VALUE', `labels must be numbers, got ${String(v)}`);
  }
  return { values: Float64Array.from(data), dims, isInteger: data.every((v) => Number.isInteger(v)) };
}

/** Flattens any accepted label form into float64 values with a shape and an integer flag. */
export function normalizeLabels(labels: LabelsInput, what = 'labels'): NormalizedLabels {
  if (labels === null || labels === undefined) throw new HeadsError('LABELS_VALUE', `${what} are missing`);
  if (ArrayBuffer.isView(labels)) return fromFlat(labels as BigInt64Array, [(labels as BigInt64Array).length]);
  if (Array.isArray(labels)) {
    if (labels.length > 0 && Array.isArray(labels[0])) {
      const rows = labels as readonly (readonly number[])[];
      const width = rows[0].length;
      if (rows.some((r) => !Array.isArray(r) || r.length !== width)) {
        throw new HeadsError('LABELS_SHAPE', `${what}: nested label arrays must all have the same length`);
      }
      return fromFlat(rows.flat(), [rows.length, width]);
    }
    return fromFlat(labels as readonly number[], [labels.length]);
  }
  const t = labels as { data: BigInt64Array; dims: readonly number[] };
  const n = t.dims.reduce((a, b) => a * b, 1);
  if (t.data.length !== n) {
    throw new HeadsError('LABELS_SHAPE', `${what}: ${t.data.length} values do not fill shape [${t.dims.join(', ')}]`);
  }
  return fromFlat(t.data, [...t.dims]);
}

/**
 * Class indices for a cross-entropy: whole numbers in [0, numClasses) or the ignore index.
 * Anything else is refused (PyTorch would raise a device-side assert or read out of bounds).
 */
export function classIndices(labels: NormalizedLabels, numClasses: number, ignoreIndex: number, what: string): Int32Array {
  const out = new Int32Array(labels.values.length);
  for (let i = 0; i < out.length; i++) {
    const v = labels.values[i];
    if (!Number.isInteger(v) || (v !== ignoreIndex && (v < 0 || v >= numClasses))) {
      throw new HeadsError(
        'LABELS_VALUE',
        `${what}[${i}] = ${v} is not a class index: use 0..${numClasses - 1}, or ${ignoreIndex} to ignore the position`,
      );
    }
    out[i] = v;
  }
  return out;
}
