// What one batch asks of a loaded pipeline, run the same way in the server thread and inside a
// worker: a pipeline call over many inputs, or the model's forward pass on raw tensors (/v2 infer).
import type { Tensor } from '@convbert/core';
import type { BatchResult } from './batcher.js';
import { errorData } from './errors.js';

export type ExecuteOp =
  | { kind: 'pipeline'; inputs: unknown[]; options: Record<string, unknown> }
  | { kind: 'infer'; feeds: Record<string, Tensor>; outputs: string[] | undefined }
  | { kind: 'describe' };

/** A loaded pipeline as the pipelines of this package return it. */
export interface LoadedPipeline {
  (input: unknown, options?: Record<string, unknown>): Promise<unknown>;
  readonly pipeline: { model: { config?: unknown; forward(inputs: unknown): Promise<Record<string, unknown>> } };
}

/** Wire names of the head outputs (the ONNX names the graphs use). */
const OUTPUT_WIRE_NAMES: Record<string, string> = {
  logits: 'logits',
  startLogits: 'start_logits',
  endLogits: 'end_logits',
  lastHiddenState: 'last_hidden_state',
};

export interface ModelDescription {
  config: Record<string, unknown> | undefined;
}

export async function executeOp(pipe: LoadedPipeline, op: ExecuteOp): Promise<BatchResult<unknown>> {
  try {
    if (op.kind === 'describe') {
      const config = pipe.pipeline.model.config as Record<string, unknown> | undefined;
      // A plain object: the config may be a class instance that structured clone would flatten anyway.
      return { ok: true, values: [{ config: config ? JSON.parse(JSON.stringify(config)) : undefined } satisfies ModelDescription] };
    }
    if (op.kind === 'pipeline') {
      // Exact-length buckets: inputs of different lengths run in different model calls, unpadded.
      const values = (await pipe(op.inputs, { ...op.options, batchSize: op.inputs.length, batching: 'bucketed' })) as unknown[];
      return { ok: true, values };
    }
    const out = await pipe.pipeline.model.forward({
      inputIds: op.feeds.input_ids,
      attentionMask: op.feeds.attention_mask,
      tokenTypeIds: op.feeds.token_type_ids,
    });
    const tensors: Record<string, Tensor> = {};
    for (const [k, v] of Object.entries(out)) {
      const wire = OUTPUT_WIRE_NAMES[k];
      if (wire && (op.outputs === undefined || op.outputs.includes(wire))) tensors[wire] = v as Tensor;
    }
    return { ok: true, values: [tensors] };
  } catch (err) {
    return { ok: false, error: errorData(err) };
  }
}
