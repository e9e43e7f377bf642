// Runs inside each worker thread of `convbert serve --workers N`: the served pipeline, loaded on
// first use, so onnxruntime's runs and the pipelines' pre/post-processing leave the server's
// event loop free.
import { type PipelineOptions, pipeline, type TaskName } from '../platform.js';
import type { BatchResult } from './batcher.js';
import { type ExecuteOp, executeOp, type LoadedPipeline } from './execute.js';

export interface WorkerTask {
  task: TaskName;
  model: string | undefined;
  loadOptions: PipelineOptions;
  op: ExecuteOp;
}

const loaded = new Map<string, Promise<LoadedPipeline>>();

export default async function serveWorker(t: WorkerTask): Promise<BatchResult<unknown>> {
  const key = JSON.stringify([t.task, t.model, t.loadOptions]);
  let pipe = loaded.get(key);
  if (!pipe) {
    pipe = pipeline(t.task, t.model, t.loadOptions) as unknown as Promise<LoadedPipeline>;
    loaded.set(key, pipe);
  }
  return executeOp(await pipe, t.op);
}
