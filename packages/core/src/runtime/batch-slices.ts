import { CoreError } from '../errors.js';
import type { Session, Tensor, TensorData } from './backend.js';

/** Which of a session's tensors carry the batch on their first axis (from the graph's declared shapes). */
export interface BatchAxes {
  /** Inputs whose first axis is the batch: all of them, or slicing is off. */
  readonly inputs: ReadonlySet<string>;
  /** Outputs whose first axis is the batch; asking for any other output runs the batch whole. */
  readonly outputs: ReadonlySet<string>;
}

/**
 * The batch axes of a graph from its inputs' and outputs' declared shapes: slicing needs every
 * input to start with one and the same symbolic dimension (`batch_size`), and an output is
 * batch-major when it starts with that symbol too (a loss, a scalar, does not).
 */
export function batchAxesFromShapes(
  inputs: readonly { name: string; shape?: readonly (string | number)[] }[],
  outputs: readonly { name: string; shape?: readonly (string | number)[] }[],
): BatchAxes | undefined {
  const first = inputs[0]?.shape?.[0];
  if (typeof first !== 'string' || inputs.some((i) => i.shape?.[0] !== first)) return undefined;
  return {
    inputs: new Set(inputs.map((i) => i.name)),
    outputs: new Set(outputs.filter((o) => o.shape?.[0] === first).map((o) => o.name)),
  };
}

/** `batchTokens` must be a positive number (`Infinity`: never slice). */
export function checkBatchTokens(value: number): void {
  if (typeof value !== 'number' || !(value > 0)) {
    throw new CoreError('INVALID_OPTION', `batchTokens must be a number > 0 (Infinity: one call per batch), got ${String(value)}`);
  }
}

function rowsOf(t: Tensor, from: number, to: number): Tensor {
  const per = t.dims.slice(1).reduce((a, b) => a * b, 1);
  return { data: t.data.subarray(from * per, to * per) as TensorData, dims: [to - from, ...t.dims.slice(1)] };
}

function stackRows(parts: readonly Tensor[]): Tensor {
  const first = parts[0] as Tensor;
  const inner = first.dims.slice(1);
  const rows = parts.reduce((n, p) => n + p.dims[0], 0);
  const Ctor = first.data.constructor as new (n: number) => TensorData;
  const data = new Ctor(parts.reduce((n, p) => n + p.data.length, 0));
  let at = 0;
  for (const p of parts) {
    (data as Float32Array).set(p.data as Float32Array, at);
    at += p.data.length;
  }
  return { data, dims: [rows, ...inner] };
}

/**
 * A session that runs a large batch as consecutive slices of whole rows, each of at most
 * `maxTokens` tokens (at least one row), and stacks the outputs back. On a CPU a model call is
 * a chain of passes over activations of `tokens × width` floats; slices of ~512 tokens keep them in
 * the core's cache (12% more throughput at 32 × 128 tokens, medium-small). Rows of a ConvBERT
 * batch never meet (attention and convolution stay inside a row), so the outputs are the same
 * rows the whole batch gives.
 */
export class BatchSlicingSession implements Session {
  constructor(
    private readonly inner: Session,
    private readonly axes: BatchAxes,
    private readonly maxTokens: number,
  ) {
    checkBatchTokens(maxTokens);
  }

  get inputNames(): readonly string[] {
    return this.inner.inputNames;
  }

  get outputNames(): readonly string[] {
    return this.inner.outputNames;
  }

  /** Rows per call, or `undefined` when the batch runs whole. */
  private rowsPerCall(feeds: Record<string, Tensor>, outputNames: readonly string[]): number | undefined {
    const tensors = Object.entries(feeds);
    if (tensors.length === 0 || !Number.isFinite(this.maxTokens)) return undefined;
    if (!tensors.every(([name]) => this.axes.inputs.has(name)) || !outputNames.every((n) => this.axes.outputs.has(n))) return undefined;
    const batch = tensors[0]?.[1].dims[0];
    if (batch < 2 || tensors.some(([, t]) => t.dims[0] !== batch)) return undefined;
    const perRow = Math.max(...tensors.map(([, t]) => t.dims.slice(1).reduce((a, b) => a * b, 1)));
    const rows = Math.max(1, Math.floor(this.maxTokens / perRow));
    return rows < batch ? rows : undefined;
  }

  async run(feeds: Record<string, Tensor>, outputNames?: readonly string[]): Promise<Record<string, Tensor>> {
    const names = outputNames ?? this.inner.outputNames;
    const rows = this.rowsPerCall(feeds, names);
    if (rows === undefined) return this.inner.run(feeds, outputNames);
    const batch = Object.values(feeds)[0]?.dims[0];
    const parts: Record<string, Tensor>[] = [];
    for (let from = 0; from < batch; from += rows) {
      const to = Math.min(batch, from + rows);
      const slice = Object.fromEntries(Object.entries(feeds).map(([k, t]) => [k, rowsOf(t, from, to)]));
      parts.push(await this.inner.run(slice, names));
    }
    return Object.fromEntries(names.map((n) => [n, stackRows(parts.map((p) => p[n] as Tensor))]));
  }

  release(): Promise<void> {
    return this.inner.release();
  }
}
