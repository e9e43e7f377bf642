import { snakeCase } from '@convbert/core';
import * as heads from '@convbert/heads';
import { WebError } from '../errors.js';
import { backendFor } from './backends.js';
import { checkWebLoadOptions, coreLoadOptions, WEB_LOAD_KEYS, type WebLoadOptions } from './encoder.js';
import { type ModelRef, resolveSource } from './source.js';
import { type ModelCall, type PipelineTimings, timedPipeline } from './timings.js';

/** Option names that say how to load (with snake_case spellings); every other option is a default of each call (topK, pooling…). */
const LOAD_KEYS = [...WEB_LOAD_KEYS, 'useFast', 'timings'];
const LOAD_NAMES = new Set([...LOAD_KEYS, ...LOAD_KEYS.map(snakeCase)]);

/** Loading options (where from, which device), `timings`, plus the task's default call options — as `@convbert/node`'s. */
export type WebPipelineOptions = WebLoadOptions &
  heads.TokenizerLoadOptions & {
    /** Measure each call (tokenize / run / post-process) and keep its model calls: `lastTimings`, `lastCalls`. */
    timings?: boolean;
  } & Record<string, unknown>;

export type WebPipeline<T extends heads.PipelineTask> = heads.Pipeline<T> & {
  /** Runs one call (same as calling the pipeline). */
  run: heads.Pipeline<T>;
  readonly tokenizer: heads.TokenizerLike;
  /** With `timings: true`: the last call's timings and model calls (ids fed, raw outputs). */
  readonly lastTimings: PipelineTimings | undefined;
  readonly lastCalls: readonly ModelCall[];
  /** Releases the model's ONNX Runtime session. */
  dispose(): Promise<void>;
};

/**
 * `pipeline(task, model, options)` as in transformers and `@convbert/node`: loads the model for the
 * task and its tokenizer in the browser (hub id, folder URL or any ModelSource; `device: 'webgpu'`
 * for the GPU) and returns the callable pipeline of `@convbert/heads`.
 * `await (await pipeline('fill-mask', '/models/mlm/'))('Paris is the [MASK] of France.')`
 */
export async function pipeline<T extends heads.PipelineTask>(
  task: T,
  model: ModelRef,
  options: WebPipelineOptions = {},
): Promise<WebPipeline<T>> {
  heads.checkPipelineTask(task);
  if (model === undefined || model === null) {
    throw new WebError(
      'INVALID_ARGUMENT',
      `pipeline("${task}") needs a model: a hub id, a folder URL or a ModelSource (there are no embedded models in the browser package)`,
    );
  }
  const load: Record<string, unknown> = {};
  const defaults: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(options ?? {})) (LOAD_NAMES.has(k) ? load : defaults)[k] = v;
  const opts = checkWebLoadOptions(load as WebPipelineOptions, 'pipeline options', ['useFast', 'timings']);
  const source = resolveSource(model, opts);
  const m = await heads.loadModelForTask(task, source, backendFor(opts.device), coreLoadOptions(opts));
  try {
    const tokenizer = await heads.loadTokenizer(source, { useFast: opts.useFast });
    // loadModelForTask(task) returns the class the task's pipeline wants; TypeScript cannot follow the lookup.
    const pipe = opts.timings
      ? timedPipeline(task, m, tokenizer, defaults as never)
      : heads.pipeline(task, m as never, tokenizer, defaults as never);
    if (!opts.timings) Object.defineProperties(pipe, { lastTimings: { value: undefined }, lastCalls: { value: [] } });
    return Object.assign(pipe, { run: pipe, tokenizer, dispose: () => m.dispose() }) as unknown as WebPipeline<T>;
  } catch (err) {
    await m.dispose();
    throw err;
  }
}
