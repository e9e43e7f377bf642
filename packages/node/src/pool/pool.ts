import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import type { PipelineOptions, TaskName } from '../platform.js';
import { isSentError, receiveError } from './errors.js';
import type { PoolTask } from './worker.js';

/** `createPool`'s options: the task, the model, the threads, and the pipeline's loading options. */
export type PoolOptions = PipelineOptions & {
  task: TaskName;
  /** Hub id or directory; the task's embedded default model when omitted. */
  model?: string;
  /** Worker threads (default: available cores, at most 4). Each holds its own copy of the model. */
  threads?: number;
};

/** A pipeline in worker threads (`createPool`): several calls run at once, one per thread. */
export interface PipelinePool {
  readonly threads: number;
  /** Runs one call of the pipeline on a free worker; same inputs and results as `pipeline(...).run`. */
  run<T = unknown>(input: unknown, options?: Record<string, unknown>): Promise<T>;
  /** Stops the workers; calls in flight fail. */
  destroy(): Promise<void>;
}

/**
 * A pool of worker threads, each running the same pipeline, on piscina (a maintained worker
 * pool: queueing, back-pressure, clean shutdown). Results equal in-process runs; the event
 * loop of the caller stays free while the model runs.
 */
export function createPool(options: PoolOptions): PipelinePool {
  const { task, model, threads: requested, ...loadOptions } = options;
  const threads = requested ?? Math.min(4, availableParallelism());
  if (!Number.isInteger(threads) || threads < 1) throw new RangeError(`threads must be a positive integer, got ${requested}`);
  // Each worker gets one intra-op thread unless told otherwise: N workers × N ORT threads oversubscribes the cores.
  const perWorker: PipelineOptions = { intraOpNumThreads: 1, ...loadOptions };
  const piscina = new Piscina({
    filename: new URL('./worker.js', import.meta.url).href,
    minThreads: threads,
    maxThreads: threads,
  });
  return {
    threads,
    run: async <T>(input: unknown, runOptions?: Record<string, unknown>) => {
      const out = await piscina.run({ task, model, loadOptions: perWorker, input, runOptions } satisfies PoolTask);
      if (isSentError(out)) throw receiveError(out);
      return out as T;
    },
    destroy: () => piscina.destroy(),
  };
}
