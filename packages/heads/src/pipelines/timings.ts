import type { TokenizerLike } from '../tokenizer.js';
import { type Pipeline, type PipelineTask, pipeline, type TaskModelLike, type TaskOptions } from './pipeline.js';

/** Where one call of a pipeline spent its time (milliseconds). */
export interface PipelineTimings {
  tokenizeMs: number;
  /** Model forward passes (ONNX Runtime), feeds and outputs included. */
  runMs: number;
  /** Everything else: batching, softmax, span search, decoding. */
  postprocessMs: number;
  totalMs: number;
  modelCalls: number;
}

/** One forward pass as the model saw it (for inspection: ids fed, raw logits returned). */
export interface ModelCall {
  inputs: unknown;
  outputs: unknown;
}

/** A pipeline that also reports where each call's time went (`timings: true`). */
export type TimedPipeline<T extends PipelineTask> = Pipeline<T> & {
  /** Timings of the last completed call. */
  readonly lastTimings: PipelineTimings | undefined;
  /** The model calls of the last completed call. */
  readonly lastCalls: readonly ModelCall[];
};

// The heads run in any JavaScript runtime; no DOM or Node typings here.
const now = () => (globalThis as unknown as { performance: { now(): number } }).performance.now();

// Wraps methods of an object so the original still receives itself as `this` (private fields work).
function intercept<O extends object>(target: O, name: string, around: (call: () => unknown, args: unknown[]) => unknown): O {
  return new Proxy(target, {
    get(t, prop, _receiver) {
      const v = Reflect.get(t, prop, t);
      if (typeof v !== 'function') return v;
      if (prop === name) return (...args: unknown[]) => around(() => v.apply(t, args), args);
      return v.bind(t);
    },
  });
}

/**
 * The pipeline of `task` over `model` and `tokenizer`, measuring each call: tokenize (the
 * tokenizer's `encode`), run (the model's `forward`), and the rest as post-processing.
 */
export function timedPipeline<T extends PipelineTask>(
  task: T,
  model: TaskModelLike[T],
  tokenizer: TokenizerLike,
  defaults: TaskOptions<T> = {},
): TimedPipeline<T> {
  let tokenizeMs = 0;
  let runMs = 0;
  let calls: ModelCall[] = [];
  const timedTokenizer = intercept(tokenizer, 'encode', (call) => {
    const t0 = now();
    try {
      return call();
    } finally {
      tokenizeMs += now() - t0;
    }
  });
  const timedModel = intercept(model, 'forward', async (call, args) => {
    const t0 = now();
    try {
      const outputs = await (call() as Promise<unknown>);
      calls.push({ inputs: args[0], outputs });
      return outputs;
    } finally {
      runMs += now() - t0;
    }
  });
  const inner = pipeline(task, timedModel, timedTokenizer, defaults);
  let lastTimings: PipelineTimings | undefined;
  let lastCalls: ModelCall[] = [];
  const run = async (...args: unknown[]) => {
    tokenizeMs = 0;
    runMs = 0;
    calls = [];
    const t0 = now();
    const result = await (inner as unknown as (...a: unknown[]) => Promise<unknown>)(...args);
    const totalMs = now() - t0;
    lastTimings = { tokenizeMs, runMs, postprocessMs: Math.max(0, totalMs - tokenizeMs - runMs), totalMs, modelCalls: calls.length };
    lastCalls = calls;
    return result;
  };
  Object.defineProperties(run, {
    task: { value: task },
    pipeline: { value: inner.pipeline },
    lastTimings: { get: () => lastTimings },
    lastCalls: { get: () => lastCalls },
  });
  return run as unknown as TimedPipeline<T>;
}
