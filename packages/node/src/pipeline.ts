import {
  checkPipelineTask,
  loadModelForTask,
  loadTokenizer,
  pipeline as makePipeline,
  type Pipeline,
  type PipelineTask,
  type TokenizerLike,
  type TokenizerLoadOptions,
} from '@convbert/heads';
import { defaultModelFor } from './default-models.js';
import { type NodeLoadOptions, nodeLoadContext } from './load-context.js';

export type TaskName = PipelineTask;

/** Loading options (where the model comes from and how it runs) plus the task's default call options. */
export type PipelineOptions = NodeLoadOptions & TokenizerLoadOptions & Record<string, unknown>;

const LOAD_KEYS = new Set([
  'revision',
  'cacheDir',
  'localFilesOnly',
  'token',
  'endpoint',
  'timeoutMs',
  'retries',
  'onProgress',
  'device',
  'intraOpNumThreads',
  'interOpNumThreads',
  'graphOptimizationLevel',
  'dtype',
  'format',
  'onnxFile',
  'graphCache',
  'useFast',
]);

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
  const load: Record<string, unknown> = {};
  const defaults: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(options)) (LOAD_KEYS.has(k) ? load : defaults)[k] = v;
  const ctx = await nodeLoadContext(model ?? defaultModelFor(task), load as NodeLoadOptions);
  const m = await loadModelForTask(task, ctx.source, ctx.backend, { ...ctx.load, graphCache: ctx.graphCache });
  const tokenizer = await loadTokenizer(ctx.source, { useFast: load.useFast as boolean | undefined });
  const pipe = makePipeline(task, m as never, tokenizer, defaults as never);
  return Object.assign(pipe, { run: pipe, tokenizer, dispose: () => m.dispose() }) as unknown as NodePipeline<T>;
}
