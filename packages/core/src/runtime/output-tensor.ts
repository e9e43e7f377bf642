import { ortElementType, type Tensor, type TensorData } from './backend.js';

/** The element type of a tensor, named as ONNX Runtime and transformers.js name it. */
export type TensorType = 'float32' | 'float64' | 'int64' | 'int32' | 'int8' | 'uint8' | 'uint16';

function typeOf(data: TensorData): TensorType {
  const type = ortElementType(data);
  // Core carries half floats as their 16-bit patterns: as data, they are uint16.
  return type === 'float16' ? 'uint16' : type;
}

/**
 * What models hand out (exported as `Tensor` by the runtime packages): row-major `data`, `dims`,
 * the element `type`, and `tolist()` for nested arrays — the shape of transformers.js's `Tensor`.
 * It still satisfies the plain `{ data, dims }` tensor interface everything else takes.
 */
export class OutputTensor<D extends TensorData = TensorData> implements Tensor<D> {
  readonly type: TensorType;
  readonly data: D;
  readonly dims: readonly number[];

  constructor(data: D, dims: readonly number[]);
  constructor(tensor: Tensor<D>);
  constructor(a: D | Tensor<D>, dims?: readonly number[]) {
    const t = dims === undefined ? (a as Tensor<D>) : { data: a as D, dims };
    this.data = t.data;
    this.dims = [...t.dims];
    this.type = typeOf(t.data);
  }

  /** Number of elements. */
  get size(): number {
    return this.data.length;
  }

  /** Nested arrays of the tensor's shape (numbers; bigints for int64). */
  tolist(): unknown[] {
    const data = Array.from(this.data as ArrayLike<number | bigint>);
    if (this.dims.length === 0) return data;
    const build = (axis: number, offset: number): unknown[] => {
      const n = this.dims[axis] ?? 0;
      if (axis === this.dims.length - 1) return data.slice(offset, offset + n);
      const stride = this.dims.slice(axis + 1).reduce((a, b) => a * b, 1);
      return Array.from({ length: n }, (_, i) => build(axis + 1, offset + i * stride));
    };
    return build(0, 0);
  }
}

/** A backend's output as an `OutputTensor` (the same arrays, no copy). */
export function outputTensor<D extends TensorData>(t: Tensor<D>): OutputTensor<D> {
  return t instanceof OutputTensor ? t : new OutputTensor(t);
}
