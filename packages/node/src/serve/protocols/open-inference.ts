// The Open Inference Protocol (KServe v2, Triton's HTTP API): model metadata and JSON tensors.
// https://kserve.github.io/website/latest/modelserving/data_plane/v2_protocol/
import type { Tensor } from '@convbert/core';
import { type HeadKind, TASK_HEADS } from '@convbert/heads';
import type { TaskName } from '../../platform.js';
import { ServeError } from '../errors.js';

export interface TensorMetadata {
  name: string;
  datatype: string;
  shape: number[];
}

export interface InferInput {
  name: string;
  shape: number[];
  datatype: string;
  data: unknown;
}

/** Inputs and outputs of the served head, with `-1` for the dimensions a request chooses. */
export function modelSignature(
  task: TaskName,
  config: Record<string, unknown> | undefined,
): { inputs: TensorMetadata[]; outputs: TensorMetadata[] } {
  return headSignature(TASK_HEADS[task], config);
}

/** Inputs and outputs of a head's graph (`base`: the bare encoder), batch dimension first. */
export function headSignature(
  head: HeadKind | 'base',
  config: Record<string, unknown> | undefined,
): { inputs: TensorMetadata[]; outputs: TensorMetadata[] } {
  const n = (k: string) => (typeof config?.[k] === 'number' ? (config[k] as number) : -1);
  const numLabels = config?.id2label ? Object.keys(config.id2label as object).length : n('num_labels');
  const ids = head === 'multiple-choice' ? [-1, -1, -1] : [-1, -1];
  const inputs = ['input_ids', 'attention_mask', 'token_type_ids'].map((name) => ({ name, datatype: 'INT64', shape: ids }));
  const fp = (name: string, shape: number[]) => ({ name, datatype: 'FP32', shape });
  const outputs =
    head === 'base'
      ? [fp('last_hidden_state', [-1, -1, n('hidden_size')])]
      : head === 'question-answering'
        ? [fp('start_logits', [-1, -1]), fp('end_logits', [-1, -1])]
        : head === 'multiple-choice'
          ? [fp('logits', [-1, -1])]
          : head === 'sequence-classification'
            ? [fp('logits', [-1, numLabels])]
            : [fp('logits', [-1, -1, head === 'masked-lm' ? n('vocab_size') : numLabels])];
  return { inputs, outputs };
}

function flatten(data: unknown, out: unknown[] = []): unknown[] {
  if (Array.isArray(data)) for (const d of data) flatten(d, out);
  else out.push(data);
  return out;
}

/** A request's INT64/INT32 JSON tensors -> int64 feeds, checked against their shapes. */
export function decodeInputs(inputs: InferInput[], rank: number): Record<string, Tensor> {
  const feeds: Record<string, Tensor> = {};
  for (const [i, t] of inputs.entries()) {
    const field = `inputs[${i}] (${t.name})`;
    if (!['input_ids', 'attention_mask', 'token_type_ids'].includes(t.name)) {
      throw new ServeError('INVALID_INPUT', `${field}: unknown input; the model takes input_ids, attention_mask, token_type_ids`);
    }
    if (t.datatype !== 'INT64' && t.datatype !== 'INT32')
      throw new ServeError('INVALID_INPUT', `${field}: datatype must be INT64, got ${t.datatype}`);
    if (!Array.isArray(t.shape) || t.shape.length !== rank || t.shape.some((d) => !Number.isInteger(d) || d < 1)) {
      throw new ServeError('INVALID_INPUT', `${field}: shape must be ${rank} positive integers`);
    }
    const flat = flatten(t.data);
    const count = t.shape.reduce((a, b) => a * b, 1);
    if (flat.length !== count) throw new ServeError('INVALID_INPUT', `${field}: ${flat.length} values for shape [${t.shape.join(', ')}]`);
    const data = new BigInt64Array(count);
    for (let k = 0; k < count; k++) {
      const v = flat[k];
      if (typeof v !== 'number' || !Number.isSafeInteger(v))
        throw new ServeError('INVALID_INPUT', `${field}: data[${k}] is not an integer`);
      data[k] = BigInt(v);
    }
    feeds[t.name] = { data, dims: [...t.shape] };
  }
  if (!feeds.input_ids) throw new ServeError('INVALID_INPUT', 'inputs: input_ids is missing');
  for (const name of ['attention_mask', 'token_type_ids']) {
    const f = feeds[name];
    if (f && f.dims.join() !== feeds.input_ids.dims.join()) {
      throw new ServeError('INVALID_INPUT', `inputs (${name}): shape [${f.dims.join(', ')}] differs from input_ids'`);
    }
  }
  return feeds;
}

export function encodeOutputs(outputs: Record<string, Tensor>): { name: string; datatype: string; shape: number[]; data: number[] }[] {
  return Object.entries(outputs).map(([name, t]) => ({
    name,
    datatype: 'FP32',
    shape: [...t.dims],
    data: Array.from(t.data as Float32Array),
  }));
}
