import { ortElementType, type Tensor } from '@convbert/core';
import type { Tensor as OrtTensor } from 'onnxruntime-web';
import { WebError } from '../errors.js';
import type { OrtRuntime } from './ort-runtime.js';

export function toOrtTensor(ort: OrtRuntime, t: Tensor): OrtTensor {
  return new ort.Tensor(ortElementType(t.data), t.data as OrtTensor.DataType, [...t.dims]);
}

/** ORT may hand back half floats as `Float16Array` where the browser has it; core wants the bit patterns. */
export function fromOrtTensor(name: string, t: OrtTensor): Tensor {
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
