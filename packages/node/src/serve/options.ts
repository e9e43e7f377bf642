// The options of `serve()` and `convbert serve`, their defaults (one table for both), and their checks.
import { defaultModelFor } from '../default-models.js';
import type { PipelineOptions, TaskName } from '../platform.js';
import type { ServedModelSpec } from './served-model.js';
import { repositoryName } from './triton/export.js';

/** The name a model is served under when none is given: its folder's or hub repo's last segment. */
export function servedName(task: TaskName, model: string | undefined): string {
  if (model !== undefined) return repositoryName(model);
  try {
    return repositoryName(defaultModelFor(task));
  } catch {
    return repositoryName(task);
  }
}

/** Where the server's log lines (one JSON object per line) go. */
export interface ServeLogOptions {
  /** `error` (default): 5xx answers that are failures; `debug`: also load-shedding refusals and drain steps. */
  level?: 'error' | 'warn' | 'info' | 'debug';
  /** Default: stderr. */
  stream?: { write(line: string): unknown };
}

export interface ServeOptions {
  /** The models to serve (default: the embedded text-classification model, named after its folder). */
  models?: ServedModelSpec[];
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /**
   * Worker threads per model (default 1). 0 runs the model in the server's own thread, which
   * onnxruntime-node then blocks while it runs: probes wait, and requests meet in fewer batches.
   */
  workers?: number;
  /** Inputs per model call at most (default 32). */
  maxBatch?: number;
  /** Tokens per model call at most (default 16 384; TEI's `--max-batch-tokens`); larger requests run in slices. */
  maxBatchTokens?: number;
  /** How long an input waits for companions before its batch runs anyway (default 5 ms; 0: no waiting). */
  maxWaitMs?: number;
  /** Inputs waiting per model before requests are refused with 503 QUEUE_FULL (default 1024). */
  maxQueue?: number;
  /** Inference requests admitted at once (default 512; TEI's `--max-concurrent-requests`); more get 503 OVERLOADED before their body is read. */
  maxConcurrentRequests?: number;
  /** Inputs (or tensor rows) in one request at most (default 256; TEI's `--max-client-batch-size`); more: 413. */
  maxInputs?: number;
  /** Tokens in one request at most (default 65 536); more: 413. */
  maxRequestTokens?: number;
  /** Requests must send `Authorization: Bearer <apiKey>` (probes and /metrics excepted). */
  apiKey?: string;
  /** Per-request deadline in ms (default 30 000); 503 when it passes. */
  timeoutMs?: number;
  /** Largest request body in bytes (default 4 MiB); larger ones get 413 unparsed. */
  bodyLimit?: number;
  /** The request line and headers must arrive within this (default 10 000 ms); else 408. */
  headerTimeoutMs?: number;
  /** The whole request must arrive within this (default 30 000 ms); else 408. */
  bodyTimeoutMs?: number;
  /** Idle keep-alive connections are closed after this (default 72 000 ms, longer than common balancers' idle timeouts). */
  keepAliveTimeoutMs?: number;
  /** Client connections open at once (default 1024); more are closed at accept. */
  maxConnections?: number;
  /** On `close()`: how long /ready answers 503 while requests are still served, so a balancer stops sending (default 0; the CLI's 5000). */
  drainGraceMs?: number;
  /** On `close()`: the most the whole drain takes; requests still running then are cut (default 25 000 ms). */
  drainTimeoutMs?: number;
  /** Log lines (JSON, one per line) for 5xx answers with their cause and request id; `false`: none. */
  log?: false | ServeLogOptions;
  /** How the models load (cache folder, revision, dtype, device, ...). */
  load?: PipelineOptions;
  /** @internal The worker module (tests wrap the real one to make a worker die). */
  workerFile?: URL;
}

/** The defaults of `serve()`; the CLI's flags default to the same values (the drain grace aside). */
export const SERVE_DEFAULTS = {
  host: '127.0.0.1',
  port: 8080,
  workers: 1,
  maxBatch: 32,
  maxBatchTokens: 16_384,
  maxWaitMs: 5,
  maxQueue: 1024,
  maxConcurrentRequests: 512,
  maxInputs: 256,
  maxRequestTokens: 65_536,
  timeoutMs: 30_000,
  bodyLimit: 4 * 2 ** 20,
  headerTimeoutMs: 10_000,
  bodyTimeoutMs: 30_000,
  keepAliveTimeoutMs: 72_000,
  maxConnections: 1024,
  drainGraceMs: 0,
  drainTimeoutMs: 25_000,
} as const;

type Numeric = { [K in keyof typeof SERVE_DEFAULTS]: (typeof SERVE_DEFAULTS)[K] extends number ? K : never }[keyof typeof SERVE_DEFAULTS];

export type ResolvedServeOptions = Omit<ServeOptions, keyof typeof SERVE_DEFAULTS> & { host: string } & Record<Numeric, number>;

/** Smallest value of each numeric option. */
const MIN: Record<Numeric, number> = {
  port: 0,
  workers: 0,
  maxBatch: 1,
  maxBatchTokens: 1,
  maxWaitMs: 0,
  maxQueue: 1,
  maxConcurrentRequests: 1,
  maxInputs: 1,
  maxRequestTokens: 1,
  timeoutMs: 1,
  bodyLimit: 1,
  headerTimeoutMs: 1,
  bodyTimeoutMs: 1,
  keepAliveTimeoutMs: 1,
  maxConnections: 1,
  drainGraceMs: 0,
  drainTimeoutMs: 1,
};

/** The options with their defaults; a RangeError names the first one out of range. */
export function resolveOptions(options: ServeOptions): ResolvedServeOptions {
  const out = {
    ...SERVE_DEFAULTS,
    ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)),
  } as ResolvedServeOptions;
  for (const [name, min] of Object.entries(MIN) as [Numeric, number][]) {
    const value = out[name];
    if (!Number.isInteger(value) || value < min) throw new RangeError(`serve: ${name} must be an integer ≥ ${min}, got ${value}`);
  }
  if (out.headerTimeoutMs > out.bodyTimeoutMs) {
    throw new RangeError(`serve: headerTimeoutMs (${out.headerTimeoutMs}) must not be over bodyTimeoutMs (${out.bodyTimeoutMs})`);
  }
  return out;
}
