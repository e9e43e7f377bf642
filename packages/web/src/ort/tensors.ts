import type { Tensor, TensorData } from '@convbert/core';
import * as ort from '#ort';
import { WebError } from '../errors.js';

type OrtType = 'float32' | 'int64' | 'int32' | 'uint8' | 'int8' | 'float16' | 'float64';

function ortType(data: TensorData): OrtType {
  if (data instanceof Float32Array) return 'float32';
  if (data instanceof BigInt64Array) return 'int64';
  if (data instanceof Int32Array) return 'int32';
  if (data instanceof Uint8Array) return 'uint8';
  if (data instanceof Int8Array) return 'int8';
  // Core carries half floats as their raw 16-bit patterns.
  if (data instanceof Uint16Array) return 'float16';
  if (data instanceof Float64Array) return 'float64';
  throw new WebError(
    'INVALID_INPUT',
    'unsupported tensor data: use Float32Array, BigInt64Array, Int32Array, Uint8Array, Int8Array, Uint16Array (fp16) or Float64Array',
  );
}

export function toOrtTensor(t: Tensor): ort.Tensor {
  return new ort.Tensor(ortType(t.data), t.data as never, [...t.dims]);
}

/** ORT may hand back half floats as `Float16Array` where the browser has it; core wants the bit patterns. */
export function fromOrtTensor(name: string, t: ort.Tensor): Tensor {
  const data = t.data as unknown;
  if (
    data instanceof Float32Array ||
    data instanceof BigInt64Array ||
    data instanceof Int32Array ||
    data instanceof Uint8Array ||
    data instanceof Int8Array ||
    data instanceof Uint16Array ||
    data instanceof Float64Array
  ) {
    return { data, dims: [...t.dims] };
  }
  if (t.type === 'float16' && ArrayBuffer.isView(data)) {
    const v = data as ArrayBufferView;
    return { data: new Uint16Array(v.buffer, v.byteOffset, v.byteLength / 2), dims: [...t.dims] };
  }
  throw new WebError('BACKEND_OUTPUT_MISSING', `output "${name}" has element type ${t.type}, which @convbert/web does not pass on`);
}
