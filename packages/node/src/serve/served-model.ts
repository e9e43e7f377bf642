// One served model: where its pipeline runs (the server thread or N worker threads), the batcher in
// front of it, and what the protocols need to know about it (task, config, token lengths).

import type { Worker } from 'node:worker_threads';
import type { Tensor } from '@convbert/core';
import { loadTokenizer, type TokenizerLike } from '@convbert/heads';
import { Piscina } from 'piscina';
import { defaultModelFor } from '../default-models.js';
import { type PipelineOptions, pipeline, type TaskName } from '../platform.js';
import { openSource } from '../sources/open.js';
import { Batcher, type BatchItem, type BatchResult, type Outcome } from './batcher.js';
import { ServeError } from './errors.js';
import { type ExecuteOp, executeOp, type LoadedPipeline, type ModelDescription } from './execute.js';
import type { WorkerTask } from './worker.js';

export interface ServedModelSpec {
  /** Name in URLs (`/models/<name>`, `/v2/models/<name>`) and in OpenAI's `model`. */
  name: string;
  task: TaskName;
  /** Hub id or folder; the task's embedded model when omitted. */
  model?: string;
}

export interface ServedModelOptions {
  /** Worker threads; 0 runs the pipeline in the server's own thread. */
  workers: number;
  maxBatch: number;
  maxWaitMs: number;
  maxQueue: number;
  load: PipelineOptions;
  onBatch?(model: string, size: number): void;
  /** @internal The worker module (tests wrap the real one to make a worker die). */
  workerFile?: URL;
}

/** Runs one op where the model lives; rejects only when a worker died. */
type Runner = { execute(op: ExecuteOp): Promise<BatchResult<unknown>>; close(): Promise<void>; threads?: () => readonly Worker[] };

async function inProcessRunner(spec: ServedModelSpec, load: PipelineOptions): Promise<Runner> {
  const pipe = (await pipeline(spec.task, spec.model, load)) as unknown as LoadedPipeline & { dispose(): Promise<void> };
  return { execute: (op) => executeOp(pipe, op), close: () => pipe.dispose() };
}

async function workerRunner(spec: ServedModelSpec, load: PipelineOptions, workers: number, file: URL): Promise<Runner> {
  // One intra-op thread per worker unless told otherwise: N workers × N ORT threads oversubscribe the cores.
  const loadOptions: PipelineOptions = { intraOpNumThreads: 1, ...load };
  const piscina = new Piscina({ filename: file.href, minThreads: workers, maxThreads: workers });
  const execute = async (op: ExecuteOp) => {
    try {
      return (await piscina.run({ task: spec.task, model: spec.model, loadOptions, op } satisfies WorkerTask)) as BatchResult<unknown>;
    } catch (err) {
      // The worker died (or failed to load the model); piscina starts a replacement.
      throw new ServeError('WORKER_CRASHED', `the worker running ${spec.name} stopped (${(err as Error).message}): try again`, {
        cause: err,
      });
    }
  };
  // Every worker loads its copy now, so that /ready means ready.
  const loaded = await Promise.all(Array.from({ length: workers }, () => execute({ kind: 'describe' })));
  const failed = loaded.find((r) => !r.ok);
  if (failed && !failed.ok) throw new Error(failed.error.message);
  return { execute, close: () => piscina.destroy(), threads: () => piscina.threads };
}

export class ServedModel {
  readonly name: string;
  readonly task: TaskName;
  readonly batcher: Batcher<unknown, unknown>;
  private constructor(
    readonly spec: ServedModelSpec,
    private readonly runner: Runner,
    readonly tokenizer: TokenizerLike,
    readonly config: Record<string, unknown> | undefined,
    options: ServedModelOptions,
  ) {
    this.name = spec.name;
    this.task = spec.task;
    this.batcher = new Batcher<unknown, unknown>({
      maxBatch: options.maxBatch,
      maxWaitMs: options.maxWaitMs,
      maxQueue: options.maxQueue,
      concurrency: Math.max(1, options.workers),
      execute: (key, inputs) => runner.execute({ kind: 'pipeline', inputs, options: JSON.parse(key) }),
      onBatch: (size) => options.onBatch?.(spec.name, size),
    });
  }

  static async load(spec: ServedModelSpec, options: ServedModelOptions): Promise<ServedModel> {
    const runner =
      options.workers > 0
        ? await workerRunner(spec, options.load, options.workers, options.workerFile ?? new URL('./worker.js', import.meta.url))
        : await inProcessRunner(spec, options.load);
    try {
      const described = await runner.execute({ kind: 'describe' });
      const config = described.ok ? (described.values[0] as ModelDescription).config : undefined;
      const { cacheDir, revision, localFilesOnly, token, endpoint, useFast } = options.load as Record<string, never>;
      const source = await openSource(spec.model ?? defaultModelFor(spec.task), { cacheDir, revision, localFilesOnly, token, endpoint });
      const tokenizer = await loadTokenizer(source, { useFast });
      return new ServedModel(spec, runner, tokenizer, config, options);
    } catch (err) {
      await runner.close();
      throw err;
    }
  }

  /** Token length of one single-sequence input (the batcher's grouping key); undefined for the others. */
  lengthOf(input: unknown): number | undefined {
    const max = (this.config?.max_position_embeddings as number | undefined) ?? 512;
    const limit = Math.min(max, this.tokenizer.modelMaxLength && this.tokenizer.modelMaxLength > 0 ? this.tokenizer.modelMaxLength : max);
    const enc = (a: string, b: string | null) => this.tokenizer.encode(a, b, { truncation: true, maxLength: limit }).inputIds.length;
    if (typeof input === 'string') return enc(input, null);
    const pair = input as { text?: unknown; textPair?: unknown };
    if (typeof pair.text === 'string' && typeof pair.textPair === 'string') return enc(pair.text, pair.textPair);
    return undefined;
  }

  /** Pipeline results of one request's inputs, batched with other requests' inputs. */
  run(inputs: unknown[], options: Record<string, unknown>, signal?: AbortSignal): Promise<Outcome<unknown>[]> {
    const items: BatchItem<unknown>[] = inputs.map((payload) => ({ payload, length: this.lengthOf(payload) }));
    return this.batcher.submit(JSON.stringify(options), items, signal);
  }

  /** The model's forward pass on raw tensors (Open Inference Protocol). */
  async infer(feeds: Record<string, Tensor>, outputs: string[] | undefined): Promise<Outcome<Record<string, Tensor>>> {
    const r = await this.runner.execute({ kind: 'infer', feeds, outputs });
    return r.ok ? { ok: true, value: r.values[0] as Record<string, Tensor> } : r;
  }

  /** The worker threads (what a crash-recovery test terminates); undefined in-process. */
  get workerThreads(): readonly Worker[] | undefined {
    return this.runner.threads?.();
  }

  async close(): Promise<void> {
    await this.batcher.idle();
    await this.runner.close();
  }
}
