import { checkOptions, OptionsError, snakeCase, suggestName } from '@convbert/core';
import {
  checkPipelineTask,
  loadModelForTask,
  pipeline as makePipeline,
  type Pipeline,
  type PipelineTask,
  type TokenizerLike,
  type TokenizerLoadOptions,
} from '@convbert/heads';
import { defaultModelFor } from './default-models.js';
import { NODE_LOAD_KEYS, type NodeLoadOptions, nodeLoadContext } from './load-context.js';
import { loadNodeTokenizer } from './tokenizer-loader.js';

export type TaskName = PipelineTask;

/** Loading options (where the model comes from and how it runs) plus the task's default call options. */
export type PipelineOptions = NodeLoadOptions & TokenizerLoadOptions & Record<string, unknown>;

/** Options that say how to load (the rest are defaults of each call: topK, pooling…), with their snake_case spellings. */
const LOAD_KEYS = [...NODE_LOAD_KEYS, 'useFast'];
const LOAD_NAMES = new Set([...LOAD_KEYS, ...LOAD_KEYS.map(snakeCase)]);

/**
 * Splits `pipeline()` options into loader options and call defaults. A key that is no loader
 * option but a near miss of one (`cacheDri`, `localFileOnly`) is refused here: passed on as a
 * call default, it would be reported against the task's options and the loader's would go unnamed.
 */
function splitOptions(options: PipelineOptions): { load: Record<string, unknown>; defaults: Record<string, unknown> } {
  const load: Record<string, unknown> = {};
  const defaults: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(options ?? {})) {
    if (LOAD_NAMES.has(k)) {
      load[k] = v;
      continue;
    }
    const near = suggestName(k, [...LOAD_NAMES]);
    if (near !== undefined && suggestName(k, [...LOAD_NAMES, ...KNOWN_CALL_OPTIONS]) === near) {
      const key = LOAD_KEYS.find((x) => x === near || snakeCase(x) === near) ?? near;
      throw new OptionsError('UNKNOWN_OPTION', `pipeline options: unknown option "${k}" (did you mean "${key}"?)`, k, key);
    }
    defaults[k] = v;
  }
  return { load, defaults };
}

/**
 * Call options of the task pipelines (and their snake_case spellings): a near miss of one of
 * these is left for the pipeline to report, never taken for a loader option.
 */
const KNOWN_CALL_OPTIONS = [
  'batchSize',
  'batching',
  'topK',
  'targets',
  'pooling',
  'normalize',
  'functionToApply',
  'aggregationStrategy',
  'ignoreLabels',
  'docStride',
  'maxSeqLen',
  'maxQuestionLen',
  'maxAnswerLen',
  'handleImpossibleAnswer',
  'alignToWords',
].flatMap((k) => [k, snakeCase(k)]);

export type NodePipeline<T extends PipelineTask> = Pipeline<T> & {
  /** Runs one call (same as calling the pipeline). */
  run: Pipeline<T>;
  readonly tokenizer: TokenizerLike;
  /** Releases the model's ONNX Runtime session. */
  dispose(): Promise<void>;
};

/**
 * `pipeline(task, model?, options?)` as in transformers: loads the model for the task (a folder,
 * a hub id, or the embedded default model) and its tokenizer on onnxruntime-node.
 */
export async function pipeline<T extends PipelineTask>(task: T, model?: string, options: PipelineOptions = {}): Promise<NodePipeline<T>> {
  checkPipelineTask(task);
  const { load: loadBag, defaults } = splitOptions(options);
  const { useFast, ...load } = checkOptions<NodeLoadOptions & { useFast?: boolean }>(loadBag, { known: LOAD_KEYS }, 'pipeline options');
  const ctx = await nodeLoadContext(model ?? defaultModelFor(task), load, 'pipeline options');
  const m = await loadModelForTask(task, ctx.source, ctx.backend, { ...ctx.load, graphCache: ctx.graphCache });
  const tokenizer = await loadNodeTokenizer(ctx.source, { useFast });
  const pipe = makePipeline(task, m as never, tokenizer, defaults as never);
  return Object.assign(pipe, { run: pipe, tokenizer, dispose: () => m.dispose() }) as unknown as NodePipeline<T>;
}
