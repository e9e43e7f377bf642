// Triton's model configuration (`config.pbtxt`, protobuf text format of inference.ModelConfig in
// triton-inference-server/common protobuf/model_config.proto) for an exported ConvBERT head.
import type { TensorMetadata } from '../protocols/open-inference.js';

export type InstanceKind = 'auto' | 'cpu' | 'gpu';

export interface TritonConfigOptions {
  name: string;
  inputs: TensorMetadata[];
  outputs: TensorMetadata[];
  /** Largest batch Triton forms (0 turns batching off). */
  maxBatch: number;
  /** How long Triton's dynamic batcher holds a request for companions. */
  maxQueueDelayMicroseconds: number;
  /** `auto`: GPU when Triton has one, else CPU (KIND_AUTO). */
  instanceKind: InstanceKind;
  instanceCount: number;
}

const DATA_TYPES: Record<string, string> = { INT64: 'TYPE_INT64', INT32: 'TYPE_INT32', FP32: 'TYPE_FP32', FP16: 'TYPE_FP16' };
const KINDS: Record<InstanceKind, string> = { auto: 'KIND_AUTO', cpu: 'KIND_CPU', gpu: 'KIND_GPU' };

function tensor(t: TensorMetadata, batched: boolean): string {
  // With max_batch_size > 0, dims leave out the batch dimension Triton adds.
  const dims = batched ? t.shape.slice(1) : t.shape;
  return `  {\n    name: ${JSON.stringify(t.name)}\n    data_type: ${DATA_TYPES[t.datatype] ?? 'TYPE_INVALID'}\n    dims: [ ${dims.join(', ')} ]\n  }`;
}

export function tritonConfig(o: TritonConfigOptions): string {
  const batched = o.maxBatch > 0;
  const lines = [
    `name: ${JSON.stringify(o.name)}`,
    'platform: "onnxruntime_onnx"',
    `max_batch_size: ${o.maxBatch}`,
    `input [\n${o.inputs.map((t) => tensor(t, batched)).join(',\n')}\n]`,
    `output [\n${o.outputs.map((t) => tensor(t, batched)).join(',\n')}\n]`,
  ];
  if (batched) {
    // Requests are batched only when their shapes match (no ragged batching): ConvBERT's
    // convolution sees padding, so this keeps every result equal to a one-at-a-time run.
    lines.push(`dynamic_batching {\n  max_queue_delay_microseconds: ${o.maxQueueDelayMicroseconds}\n}`);
  }
  lines.push(`instance_group [\n  {\n    kind: ${KINDS[o.instanceKind]}\n    count: ${o.instanceCount}\n  }\n]`);
  return `${lines.join('\n')}\n`;
}
