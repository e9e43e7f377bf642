import type { PipelineTask, PipelineTimings } from '@convbert/heads';
import type { OrtWebOptions } from '../backend/env.js';
import { WebError } from '../errors.js';
import type { WebPipelineOptions } from '../platform.js';
import type { NamedFile } from '../sources/file-source.js';
import type { Request, Response, WorkerModelRef } from './protocol.js';

/** A pipeline living in a worker: call it like `pipeline()`'s result; every call is a message. */
export type WorkerPipeline = ((...args: unknown[]) => Promise<unknown>) & {
  readonly task: PipelineTask;
  /** Timings of the last completed call (measured in the worker). */
  readonly lastTimings: PipelineTimings | undefined;
  /** Releases the pipeline in the worker. */
  dispose(): Promise<void>;
};

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

type Pending = { resolve: (r: { value: unknown; timings?: unknown }) => void; reject: (e: Error) => void };

/** Error as thrown in the worker: same name, message and code. */
function revive(e: { name: string; message: string; code?: string }): Error {
  const err = new Error(e.message) as Error & { code?: string };
  err.name = e.name;
  if (e.code !== undefined) err.code = e.code;
  return err;
}

function absolute(url: string): string {
  const base =
    (globalThis as { document?: { baseURI: string } }).document?.baseURI ?? (globalThis as { location?: { href: string } }).location?.href;
  return base ? new URL(url, base).href : url;
}

/**
 * The pipelines of `@convbert/web` in a Web Worker, with the same calls:
 * `const w = new PipelineWorker(new Worker(new URL('@convbert/web/worker', import.meta.url), { type: 'module' }));`
 * `const fill = await w.pipeline('fill-mask', '/models/mlm/'); await fill('Paris is the [MASK] of France.')`.
 */
export class PipelineWorker {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private dead: Error | undefined;

  constructor(worker: Worker) {
    this.worker = worker;
    worker.addEventListener('message', (e: MessageEvent<Response>) => {
      const r = e.data;
      const p = this.pending.get(r.id);
      if (!p) return;
      this.pending.delete(r.id);
      if (r.ok) p.resolve({ value: r.value, timings: r.timings });
      else p.reject(revive(r.error));
    });
    worker.addEventListener('error', (e) => {
      this.fail(
        new WebError(
          'WORKER_FAILED',
          `the worker failed: ${e.message || 'it could not start (check the worker URL and the COOP/COEP headers)'}`,
        ),
      );
    });
  }

  private fail(err: Error): void {
    this.dead = err;
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
  }

  private call(req: DistributiveOmit<Request, 'id'>, transfer: Transferable[] = []): Promise<{ value: unknown; timings?: unknown }> {
    if (this.dead) return Promise.reject(this.dead);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...req, id } as Request, transfer);
    });
  }

  /** ONNX Runtime settings of the worker (before its first pipeline); relative `wasmPaths` are made absolute. */
  async configure(options: OrtWebOptions): Promise<void> {
    const wasmPaths =
      typeof options.wasmPaths === 'string'
        ? absolute(options.wasmPaths)
        : options.wasmPaths && {
            ...(options.wasmPaths.wasm ? { wasm: absolute(options.wasmPaths.wasm) } : {}),
            ...(options.wasmPaths.mjs ? { mjs: absolute(options.wasmPaths.mjs) } : {}),
          };
    await this.call({ type: 'configure', options: { ...options, ...(wasmPaths ? { wasmPaths } : {}) } });
  }

  /**
   * Loads a pipeline in the worker. `model`: a hub id, a folder URL (made absolute here), or the
   * files of a dropped folder. Options are those of `pipeline()` without functions (no `fetch`, no `onProgress`).
   */
  async pipeline<T extends PipelineTask>(
    task: T,
    model: string | NamedFile[] | { files: NamedFile[]; id?: string },
    options: WebPipelineOptions = {},
  ): Promise<WorkerPipeline> {
    let ref: WorkerModelRef;
    if (typeof model === 'string') ref = /^(\/|\.\.?\/)/.test(model) ? absolute(model) : model;
    else ref = Array.isArray(model) ? { files: model } : model;
    const plain = JSON.parse(JSON.stringify(options)) as Record<string, unknown>;
    const { value } = await this.call({ type: 'pipeline', task, model: ref, options: plain });
    const handle = value as number;
    let lastTimings: PipelineTimings | undefined;
    const run = async (...args: unknown[]) => {
      const r = await this.call({ type: 'run', handle, args });
      lastTimings = r.timings as PipelineTimings | undefined;
      return r.value;
    };
    Object.defineProperties(run, {
      task: { value: task },
      lastTimings: { get: () => lastTimings },
      dispose: { value: async () => void (await this.call({ type: 'dispose', handle })) },
    });
    return run as WorkerPipeline;
  }

  /** Stops the worker; calls in flight reject with `WORKER_TERMINATED`. */
  terminate(): void {
    this.worker.terminate();
    this.fail(new WebError('WORKER_TERMINATED', 'the worker was terminated'));
  }
}
