import { ortElementType, type Tensor, type TensorData } from '@convbert/core';
import type * as Ort from 'onnxruntime-node';

/** Core's tensor as onnxruntime-node's (the same memory). */
export function toOrtTensor(ort: typeof Ort, t: Tensor): Ort.Tensor {
  return new ort.Tensor(ortElementType(t.data), t.data as Ort.Tensor.DataType, [...t.dims]);
}

/** onnxruntime-node's output as core's tensor (the same memory). */
export function fromOrtTensor(t: Ort.Tensor): Tensor {
  return { data: t.data as TensorData, dims: [...t.dims] };
}
