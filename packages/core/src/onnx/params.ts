import type { StateDict } from '../weights/state-dict.js';
import type { GraphBuilder } from './builder.js';
import type { DType } from './dtype.js';
import { transpose } from './quantize.js';
import { type WeightSource, weightSourceOf } from './weight-source.js';
import { joinedLinears, type Matrix, type ParamsContext, WEIGHT_STORAGE, type WeightStorage } from './weight-storage.js';

export type { IntegerWeight, Matrix } from './weight-storage.js';

/**
 * Puts checkpoint tensors into a graph: where they come from is a `WeightSource` (embedded, or in
 * place in the checkpoint's file), how they are stored a `WeightStorage` (fp32, fp16, 8-bit; by
 * `dtype`). Every method returns the name of a float32 tensor (`matrix` a handle for `product`,
 * whose result is float32), so graph code does not depend on either. Initializers keep their
 * state-dict names (as `torch.onnx.export` does) for readable graphs; each is made once.
 */
export class GraphParams implements ParamsContext {
  readonly g: GraphBuilder;
  readonly weights: StateDict;
  readonly dtype: DType;
  readonly storage: WeightStorage;
  readonly source: WeightSource;
  private readonly cache = new Map<string, unknown>();

  constructor(g: GraphBuilder, weights: StateDict, dtype: DType = 'fp32', source: WeightSource = weightSourceOf(weights)) {
    this.g = g;
    this.weights = weights;
    this.dtype = dtype;
    this.storage = WEIGHT_STORAGE[dtype];
    this.source = source;
  }

  /** The value made once for `key` (a converted weight, a constant) and reused after. */
  memo<T>(key: string, make: () => T): T {
    const hit = this.cache.get(key) as T | undefined;
    if (hit !== undefined) return hit;
    const name = make();
    this.cache.set(key, name);
    return name;
  }

  /** A small float32 tensor (bias, LayerNorm), always full precision. */
  vector(name: string, shape: readonly number[], reshape: readonly number[] = shape): string {
    return this.memo(`vector:${name}:${reshape.join('x')}`, () => this.source.float32(this, name, shape, reshape));
  }

  /** A checkpoint tensor at the chosen precision (`store`'s `quantAxis`), or as it is for fp32. */
  private checkpointTensor(name: string, shape: readonly number[], dims: readonly number[], quantAxis: number): string {
    if (this.storage.asStored) return this.source.float32(this, name, shape, dims);
    return this.storage.store(this, name, this.weights.float32(name, shape), dims, quantAxis);
  }

  /** A Linear weight stored `[out, in]` in the checkpoint (or `storedShape` of as many values, e.g. a 1x1 convolution's `[out, in, 1]`), as a float32 `[in, out]` tensor for MatMul. */
  linearWeight(name: string, outFeatures: number, inFeatures: number, storedShape: readonly number[] = [outFeatures, inFeatures]): string {
    return this.memo(`linear:${name}`, () => {
      // float32: the checkpoint's bytes as they are, transposed by ONNX Runtime's constant folding
      // (native, once, at session creation) instead of element by element here.
      if (this.storage.asStored) return this.transposed(this.source.float32(this, name, storedShape, [outFeatures, inFeatures]));
      const w = this.weights.float32(name, storedShape);
      return this.storage.store(this, name, transpose(w, outFeatures, inFeatures), [inFeatures, outFeatures], 1);
    });
  }

  /**
   * A `[..., K, N]` float matrix (already laid out for MatMul) made ready for `product` at the
   * chosen precision: a float32 tensor, or int8/uint8 values with per-column scales.
   */
  matrix(name: string, data: Float32Array, dims: readonly number[]): Matrix {
    return this.memo(`matrix:${name}`, () => this.storage.matrix(this, name, data, dims));
  }

  /** `x · m`: a MatMul (of B as stored, `x · Bᵀ`, for weights read in place), or a dynamically quantised product. */
  product(x: string, m: Matrix): string {
    if ('float' in m) return this.g.op('MatMul', [x, m.float]);
    if ('transposed' in m)
      return this.g.node('FusedMatMul', [x, m.transposed], { domain: 'com.microsoft', attrs: { transB: 1 } })[0] as string;
    // The pattern `onnxruntime.quantization.quantize_dynamic` writes, which ORT fuses into `DynamicQuantizeMatMul`.
    const [xq, xs, xz] = this.memo(`dql:${x}`, () => this.g.node('DynamicQuantizeLinear', [x], { outputs: 3 }) as [string, string, string]);
    const acc = this.g.op('MatMulInteger', [xq, m.q, xz, m.zero]);
    return this.g.op('Mul', [this.g.op('Cast', [acc], { to: 1 }), this.g.op('Mul', [xs, m.scale])]);
  }

  /** `x · Wᵀ` for a Linear weight (`[out, in]` in the checkpoint, or `storedShape`), at the chosen precision. */
  linearProduct(
    x: string,
    name: string,
    outFeatures: number,
    inFeatures: number,
    storedShape: readonly number[] = [outFeatures, inFeatures],
  ): string {
    return this.product(x, this.storage.linearMatrix(this, name, outFeatures, inFeatures, storedShape));
  }

  /** `x · [W₀ᵀ W₁ᵀ …]` for Linear weights sharing their input (see `concatLinearWeights`). */
  linearsProduct(x: string, names: readonly string[], outFeatures: readonly number[], inFeatures: number): string {
    return this.product(x, this.storage.linearsMatrix(this, names, outFeatures, inFeatures));
  }

  /** `x · T` for a stored `[..., K, N]` tensor (grouped Linear weights), at the chosen precision. */
  tensorProduct(x: string, name: string, shape: readonly number[]): string {
    return this.product(x, this.matrix(name, this.weights.float32(name, shape), shape));
  }

  /** Rows `ids` of an embedding table `[rows, width]`, as float32. */
  gatherRows(name: string, rows: number, width: number, ids: string): string {
    return this.storage.gatherRows(this, name, rows, width, ids, () => this.embedding(name, rows, width));
  }

  /**
   * Several Linear weights that read the same input, side by side as one float32 `[in, Σ out]`
   * tensor (for one MatMul instead of several). Per-output-channel int8 scales are unchanged by
   * the concatenation, so each projection is quantised exactly as on its own.
   */
  concatLinearWeights(names: readonly string[], outFeatures: readonly number[], inFeatures: number): string {
    return this.memo(`linears:${names.join('+')}`, () => {
      if (this.storage.asStored) {
        const parts = names.map((name, i) => this.source.float32(this, name, [outFeatures[i], inFeatures]));
        return this.transposed(this.g.op('Concat', parts, { axis: 0 }));
      }
      const total = outFeatures.reduce((a, b) => a + b, 0);
      const joined = joinedLinears(this.weights, names, outFeatures, inFeatures);
      return this.storage.store(this, names.join('+'), transpose(joined, total, inFeatures), [inFeatures, total], 1);
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
        joined.set(this.weights.float32(name, [sizes[i]]), at);
        at += sizes[i];
      });
      return this.g.initializer(names.join('+'), { dtype: 'float32', dims: [joined.length], data: joined });
    });
  }

  /** Any float tensor at the chosen precision, `int8` quantised per index of `quantAxis`. */
  tensor(name: string, shape: readonly number[], quantAxis = shape.length - 1, reshape: readonly number[] = shape): string {
    return this.memo(`tensor:${name}:${reshape.join('x')}`, () => this.checkpointTensor(name, shape, reshape, quantAxis));
  }

  /** An embedding table `[rows, width]` (int8: one scale per row). */
  embedding(name: string, rows: number, width: number): string {
    return this.memo(`embedding:${name}`, () => this.checkpointTensor(name, [rows, width], [rows, width], 0));
  }
}
