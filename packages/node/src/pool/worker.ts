// Runs inside each worker thread of a pool: one pipeline per worker, loaded on first use,
// so onnxruntime's blocking runs never touch the main thread's event loop.
import { type PipelineOptions, pipeline, type TaskName } from '../platform.js';
import { type SentError, sendError } from './errors.js';

export interface PoolTask {
  task: TaskName;
  model: string | undefined;
  loadOptions: PipelineOptions;
  input: unknown;
  runOptions: Record<string, unknown> | undefined;
}

let loaded: { key: string; pipe: Promise<{ run(input: unknown, options?: Record<string, unknown>): Promise<unknown> }> } | undefined;

/** The call's result, or its error as data (see errors.ts). */
export default async function runInWorker(t: PoolTask): Promise<unknown | SentError> {
  const key = JSON.stringify([t.task, t.model, t.loadOptions]);
  if (loaded?.key !== key) {
    loaded = { key, pipe: pipeline(t.task, t.model, t.loadOptions) as Promise<never> };
  }
  try {
    const pipe = await loaded.pipe;
    return await pipe.run(t.input, t.runOptions);
  } catch (err) {
    return sendError(err);
  }
}
