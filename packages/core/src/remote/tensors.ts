// Tensors as the Open Inference Protocol's JSON carries them: `{ name, shape, datatype, data }`
// with the data flat in row-major order.
import { CoreError } from '../errors.js';
import type { Tensor, TensorData } from '../runtime/backend.js';

export interface WireTensor {
  name: string;
  shape: number[];
  datatype: string;
  data: unknown[];
}

const DATATYPES: [new (n: number) => TensorData, string][] = [
  [Float32Array, 'FP32'],
  [Float64Array, 'FP64'],
  [BigInt64Array, 'INT64'],
  [Int32Array, 'INT32'],
  [Int8Array, 'INT8'],
  [Uint8Array, 'UINT8'],
  [Uint16Array, 'FP16'],
];

export function datatypeOf(data: TensorData): string {
  for (const [ctor, name] of DATATYPES) if (data instanceof ctor) return name;
  throw new CoreError('INVALID_INPUT', 'a tensor of an unknown element type cannot be sent');
}

export function toWire(name: string, t: Tensor): WireTensor {
  const datatype = datatypeOf(t.data);
  if (datatype === 'FP16') throw new CoreError('INVALID_INPUT', `${name}: float16 tensors cannot be sent as JSON`);
  // JSON has no 64-bit integers: ids and masks fit in a double exactly.
  const data = t.data instanceof BigInt64Array ? Array.from(t.data, Number) : Array.from(t.data as ArrayLike<number>);
  return { name, shape: [...t.dims], datatype, data };
}

export function fromWire(t: WireTensor): Tensor {
  if (!Array.isArray(t.shape) || !Array.isArray(t.data)) {
    throw new CoreError('BACKEND_OUTPUT_MISSING', `output ${t.name} has no shape or data`);
  }
  const count = t.shape.reduce((a, b) => a * b, 1);
  const flat = (t.data as unknown[]).flat(Number.POSITIVE_INFINITY) as number[];
  if (flat.length !== count) {
    throw new CoreError('BACKEND_OUTPUT_MISSING', `output ${t.name} has ${flat.length} values for shape [${t.shape.join(', ')}]`);
  }
  const dims = [...t.shape];
  switch (t.datatype) {
    case 'FP32':
      return { data: Float32Array.from(flat), dims };
    case 'FP64':
      return { data: Float64Array.from(flat), dims };
    case 'INT64':
      return { data: BigInt64Array.from(flat, (v) => BigInt(v)), dims };
    case 'INT32':
      return { data: Int32Array.from(flat), dims };
    default:
      throw new CoreError('BACKEND_OUTPUT_MISSING', `output ${t.name} has datatype ${t.datatype}, which this backend does not read`);
  }
}
