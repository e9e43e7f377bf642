// Where a graph's float32 weights come from: embedded in the ONNX bytes, or read in place from the
// checkpoint's own file (ONNX external data), which neither copies them into the graph nor holds them.
import type { ExternalWeight } from '../weights/dtypes.js';
import type { StateDict } from '../weights/state-dict.js';
import type { ParamsContext } from './weight-storage.js';

export interface WeightSource {
  /** A checkpoint float32 tensor as stored, as a float32 initializer (`dims`: same count as `shape`). */
  float32(p: ParamsContext, name: string, shape: readonly number[], dims?: readonly number[]): string;
  /**
   * Whether Linear weights are multiplied as the file stores them, `[out, in]`, through
   * `FusedMatMul(transB)`: ONNX Runtime packs B once straight from the file's bytes, where a
   * `Transpose` would be constant-folded into a transposed copy first (more time and memory).
   */
  readsLinearsAsStored(p: ParamsContext, names: readonly string[], storedShape?: readonly number[]): boolean;
}

/** Every weight in the graph's own bytes. */
export const EMBEDDED_WEIGHTS: WeightSource = {
  float32: (p, name, shape, dims = shape) => p.g.initializer(name, { dtype: 'float32', dims, data: p.weights.float32(name, shape) }),
  readsLinearsAsStored: () => false,
};

/**
 * Where a float32 tensor's bytes are in its file, when they can be used as they are: float32 and
 * 4-byte aligned in the file (a safetensors header not padded as the reference pads it shifts
 * every tensor; ONNX Runtime may map the file and read the floats where they lie).
 */
function inFile(weights: StateDict, name: string, shape?: readonly number[]): ExternalWeight | undefined {
  const t = weights.get(name, shape);
  return t.dtype === 'F32' && t.external !== undefined && t.external.offset % 4 === 0 ? t.external : undefined;
}

/** float32 tensors of a checkpoint opened in place (`openSafetensors`) stay in its file; the rest is embedded. */
export const IN_PLACE_WEIGHTS: WeightSource = {
  float32(p, name, shape, dims = shape) {
    const external = inFile(p.weights, name, shape);
    if (external === undefined) return EMBEDDED_WEIGHTS.float32(p, name, shape, dims);
    return p.g.externalInitializer(name, { dtype: 'float32', dims, ...external });
  },
  readsLinearsAsStored: (p, names, storedShape) =>
    names.every((name) => inFile(p.weights, name, names.length === 1 ? storedShape : undefined) !== undefined),
};

/** In place when the state dict was opened in place (its tensors know their place in the file). */
export function weightSourceOf(weights: StateDict): WeightSource {
  for (const t of weights.tensors.values()) if (t.external !== undefined) return IN_PLACE_WEIGHTS;
  return EMBEDDED_WEIGHTS;
}
