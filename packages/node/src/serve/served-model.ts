// One served model: where its pipeline runs (the server thread or N worker threads), the batcher in
// front of it, and what the protocols need to know about it (task, config, token lengths).

import type { Worker } from 'node:worker_threads';
import type { Tensor } from '@convbert/core';
import { loadTokenizer, type TokenizerLike } from '@convbert/heads';
import { Piscina } from 'piscina';
import { defaultModelFor } from '../default-models.js';
import { type PipelineOptions, pipeline, type TaskName } from '../platform.js';
import { openSource } from '../sources/open.js';
import { Batcher, type BatchItem, type BatchResult, type Outcome, type SubmitOptions } from './batcher.js';
import { ServeError } from './errors.js';
import { type ExecuteOp, executeOp, type LoadedPipeline, type ModelDescription } from './execute.js';
import { concatRows, type InferSlice, sliceRows } from './protocols/tensors.js';
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
  maxBatchTokens: number;
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

/** The batcher key of tensor slices (each runs alone; the key only tells `execute` what they are). */
const INFER = 'infer';

/** A request's inputs, measured: how to group each (`length`) and what it costs (`tokens`). */
export type MeasuredInputs = BatchItem<unknown>[];

export class ServedModel {
  readonly name: string;
  readonly task: TaskName;
  readonly batcher: Batcher<unknown, unknown>;
  private readonly maxBatch: number;
  private readonly maxBatchTokens: number;
  /** Slices of one request queued at once: one per worker, so a large request never holds the queue. */
  private readonly window: number;
  private constructor(
    readonly spec: ServedModelSpec,
    private readonly runner: Runner,
    readonly tokenizer: TokenizerLike,
    readonly config: Record<string, unknown> | undefined,
    options: ServedModelOptions,
  ) {
    this.name = spec.name;
    this.task = spec.task;
    this.maxBatch = options.maxBatch;
    this.maxBatchTokens = options.maxBatchTokens;
    this.window = Math.max(1, options.workers);
    this.batcher = new Batcher<unknown, unknown>({
      maxBatch: options.maxBatch,
      maxBatchTokens: options.maxBatchTokens,
      maxWaitMs: options.maxWaitMs,
      maxQueue: options.maxQueue,
      concurrency: this.window,
      execute: async (key, payloads) => {
        if (key !== INFER) return runner.execute({ kind: 'pipeline', inputs: payloads, options: JSON.parse(key) });
        const slice = payloads[0] as InferSlice;
        return runner.execute({ kind: 'infer', feeds: slice.feeds, outputs: slice.outputs });
      },
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

  /** The longest sequence the model takes. */
  get maxLength(): number {
    const max = (this.config?.max_position_embeddings as number | undefined) ?? 512;
    const tok = this.tokenizer.modelMaxLength;
    return tok && tok > 0 ? Math.min(max, tok) : max;
  }

  /** Token length of one single-sequence input (the batcher's grouping key); undefined for the others. */
  lengthOf(input: unknown): number | undefined {
    if (typeof input === 'string') return this.encodedLength(input, null, true);
    const pair = input as { text?: unknown; textPair?: unknown };
    if (typeof pair.text === 'string' && typeof pair.textPair === 'string') return this.encodedLength(pair.text, pair.textPair, true);
    return undefined;
  }

  /**
   * A request's inputs with their token lengths, tokenized here (the tokenizer's refusals, such as
   * `INVALID_UTF16`, surface now). Inputs without one length (question answering, multiple choice)
   * cost what the model will read: the question with the whole context, each choice with its prompt.
   */
  measure(inputs: readonly unknown[]): MeasuredInputs {
    return inputs.map((payload) => {
      const length = this.lengthOf(payload);
      if (length !== undefined) return { payload, length, tokens: length };
      const o = payload as { question?: unknown; context?: unknown; prompt?: unknown; choices?: unknown };
      let tokens = 1;
      if (typeof o.question === 'string' && typeof o.context === 'string') tokens = this.encodedLength(o.question, o.context, false);
      else if (typeof o.prompt === 'string' && Array.isArray(o.choices)) {
        tokens = o.choices.reduce((n: number, c) => n + (typeof c === 'string' ? this.encodedLength(o.prompt as string, c, true) : 0), 0);
      }
      return { payload, length: undefined, tokens };
    });
  }

  private encodedLength(a: string, b: string | null, truncate: boolean): number {
    const options = truncate ? { truncation: true, maxLength: this.maxLength } : {};
    return this.tokenizer.encode(a, b, options).inputIds.length;
  }

  /** Pipeline results of one request's inputs, batched with other requests' inputs. */
  run(items: MeasuredInputs, options: Record<string, unknown>, submit: SubmitOptions = {}): Promise<Outcome<unknown>[]> {
    return this.inSlices(JSON.stringify(options), this.slices(items), submit);
  }

  /**
   * The model's forward pass on raw tensors (Open Inference Protocol), in slices of rows that each fit
   * a batch's budget (`maxBatchTokens`, `maxBatch`); the outputs are put back together row for row.
   */
  async infer(
    feeds: Record<string, Tensor>,
    outputs: string[] | undefined,
    submit: SubmitOptions = {},
  ): Promise<Outcome<Record<string, Tensor>>> {
    const tokensPerRow = feeds.input_ids.dims.slice(1).reduce((a, b) => a * b, 1);
    const rows = Math.max(1, Math.min(this.maxBatch, Math.floor(this.maxBatchTokens / Math.max(1, tokensPerRow))));
    const slices = sliceRows(feeds, rows, outputs);
    const outcomes = await this.inSlices(
      INFER,
      slices.map((payload) => [{ payload, length: undefined, tokens: payload.rows * tokensPerRow, inputs: payload.rows, solo: true }]),
      submit,
    );
    const failed = outcomes.find((o) => !o.ok);
    if (failed) return failed as Outcome<Record<string, Tensor>>;
    return { ok: true, value: concatRows(outcomes.map((o) => (o as { value: Record<string, Tensor> }).value)) };
  }

  // Consecutive inputs, each slice within one batch's budget.
  private slices(items: MeasuredInputs): MeasuredInputs[] {
    const out: MeasuredInputs[] = [];
    let cur: MeasuredInputs = [];
    let tokens = 0;
    for (const item of items) {
      const t = item.tokens ?? 1;
      if (cur.length > 0 && (cur.length >= this.maxBatch || tokens + t > this.maxBatchTokens)) {
        out.push(cur);
        cur = [];
        tokens = 0;
      }
      cur.push(item);
      tokens += t;
    }
    if (cur.length) out.push(cur);
    return out;
  }

  // A request's slices go into the queue one per worker at a time, each behind whatever was queued
  // before it: a small request that arrives while a large one runs waits for one slice, not all.
  private async inSlices(key: string, slices: MeasuredInputs[], submit: SubmitOptions): Promise<Outcome<unknown>[]> {
    const out: Outcome<unknown>[][] = new Array(slices.length);
    let next = 0;
    let failed = false;
    const lane = async () => {
      while (!failed && next < slices.length) {
        const i = next++;
        try {
          out[i] = await this.batcher.submit(key, slices[i], submit);
        } catch (err) {
          failed = true;
          throw err;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.window, slices.length) }, lane));
    return out.flat();
  }

  /** The worker threads (what a crash-recovery test terminates); undefined in-process. */
  get workerThreads(): readonly Worker[] | undefined {
    return this.runner.threads?.();
  }

  /** Unloads the model once its queue is empty; `force`: at once (a drain out of time). */
  async close(force = false): Promise<void> {
    if (!force) await this.batcher.idle();
    await this.runner.close();
  }
}
