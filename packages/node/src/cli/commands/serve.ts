import { readFile } from 'node:fs/promises';
import { DTYPES, type DType } from '@convbert/core';
import { PIPELINE_TASKS } from '@convbert/heads';
import { type Command, InvalidArgumentError, Option } from 'commander';
import type { NodeDevice } from '../../backend/backend.js';
import type { TaskName } from '../../platform.js';
import { SERVE_DEFAULTS, servedName } from '../../serve/options.js';
import type { ServedModelSpec } from '../../serve/served-model.js';
import { serve } from '../../serve.js';
import { CliUsageError } from '../errors.js';

export interface ServeFlags {
  model?: string[];
  task?: string;
  name?: string[];
  config?: string;
  host: string;
  port: number;
  workers: number;
  maxBatch: number;
  maxBatchTokens: number;
  maxWaitMs: number;
  maxQueue: number;
  maxConcurrentRequests: number;
  maxInputs: number;
  maxRequestTokens: number;
  timeoutMs: number;
  bodyLimit: number;
  headerTimeoutMs: number;
  bodyTimeoutMs: number;
  keepAliveTimeoutMs: number;
  maxConnections: number;
  drainGraceMs: number;
  drainTimeoutMs: number;
  apiKey?: string;
  debug?: boolean;
  revision?: string;
  cacheDir?: string;
  offline?: boolean;
  device?: NodeDevice;
  dtype?: DType;
}

function checkTask(task: string): TaskName {
  if (!(PIPELINE_TASKS as readonly string[]).includes(task)) {
    throw new CliUsageError(`unknown task ${JSON.stringify(task)}: use one of ${PIPELINE_TASKS.join(', ')}`);
  }
  return task as TaskName;
}

/** `--model`/`--name` pairs, or a JSON file `{ "models": [{ "name", "task", "model" }] }`. */
async function modelSpecs(flags: ServeFlags): Promise<ServedModelSpec[]> {
  if (flags.config) {
    let parsed: { models?: unknown };
    try {
      parsed = JSON.parse(await readFile(flags.config, 'utf8')) as { models?: unknown };
    } catch (err) {
      throw new CliUsageError(`${flags.config}: ${(err as Error).message}`);
    }
    if (!Array.isArray(parsed.models) || parsed.models.length === 0)
      throw new CliUsageError(`${flags.config}: expected { "models": [...] }`);
    return parsed.models.map((m: { name?: string; task?: string; model?: string }, i: number) => {
      if (typeof m.task !== 'string') throw new CliUsageError(`${flags.config}: models[${i}].task is missing`);
      const task = checkTask(m.task);
      return { name: m.name ?? servedName(task, m.model), task, model: m.model };
    });
  }
  const task = checkTask(flags.task ?? 'text-classification');
  const models = flags.model?.length ? flags.model : [undefined];
  const names = flags.name ?? [];
  if (names.length > models.length) throw new CliUsageError('more --name than --model flags');
  // Default names are the folder's or repo's last segment, so they also fit `/v2/models/<name>` (no slash).
  return models.map((model, i) => ({ name: names[i] ?? servedName(task, model), task, model }));
}

/**
 * Serves until SIGTERM or SIGINT, then drains: /ready answers 503 for --drain-grace-ms while requests
 * are still served, then the listener closes and what is in flight finishes. Exit code 0, or 1 when
 * --drain-timeout-ms cut requests.
 */
export async function runServe(flags: ServeFlags): Promise<void> {
  const specs = await modelSpecs(flags);
  const server = await serve({
    models: specs,
    host: flags.host,
    port: flags.port,
    workers: flags.workers,
    maxBatch: flags.maxBatch,
    maxBatchTokens: flags.maxBatchTokens,
    maxWaitMs: flags.maxWaitMs,
    maxQueue: flags.maxQueue,
    maxConcurrentRequests: flags.maxConcurrentRequests,
    maxInputs: flags.maxInputs,
    maxRequestTokens: flags.maxRequestTokens,
    timeoutMs: flags.timeoutMs,
    bodyLimit: flags.bodyLimit,
    headerTimeoutMs: flags.headerTimeoutMs,
    bodyTimeoutMs: flags.bodyTimeoutMs,
    keepAliveTimeoutMs: flags.keepAliveTimeoutMs,
    maxConnections: flags.maxConnections,
    drainGraceMs: flags.drainGraceMs,
    drainTimeoutMs: flags.drainTimeoutMs,
    log: { level: flags.debug ? 'debug' : 'error' },
    apiKey: flags.apiKey ?? process.env.CONVBERT_API_KEY,
    load: Object.fromEntries(
      Object.entries({
        revision: flags.revision,
        cacheDir: flags.cacheDir,
        localFilesOnly: flags.offline,
        device: flags.device,
        dtype: flags.dtype,
      }).filter(([, v]) => v !== undefined),
    ),
  });
  process.stderr.write(`convbert: listening on ${server.url}, loading ${specs.map((s) => s.name).join(', ')}\n`);
  const stopped = new Promise<string>((resolve) => {
    process.once('SIGTERM', () => resolve('SIGTERM'));
    process.once('SIGINT', () => resolve('SIGINT'));
  });
  let signal: string;
  try {
    const first = await Promise.race([server.ready.then(() => 'ready'), stopped]);
    if (first === 'ready') process.stderr.write(`convbert: ready (${[...server.models.keys()].join(', ')})\n`);
    signal = first === 'ready' ? await stopped : first;
  } catch (err) {
    await server.close();
    throw err;
  }
  process.stderr.write(
    `convbert: ${signal}: draining (/ready answers 503 for ${flags.drainGraceMs} ms, then the requests in flight finish; send it again to stop at once)\n`,
  );
  const force = () => {
    process.stderr.write('convbert: stopped without finishing\n');
    process.exit(130);
  };
  process.once('SIGTERM', force);
  process.once('SIGINT', force);
  const { cut } = await server.close();
  if (cut > 0) {
    process.stderr.write(
      `convbert: stopped; ${cut} requests were still running after --drain-timeout-ms ${flags.drainTimeoutMs} and were cut\n`,
    );
    process.exitCode = 1;
    return;
  }
  process.stderr.write('convbert: stopped\n');
}

const int = (min: number) => (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`must be an integer ≥ ${min}`);
  return n;
};
const collect = (v: string, prev: string[] | undefined) => [...(prev ?? []), v];

/** Registers `convbert serve` on the program. */
export function addServeCommand(program: Command): void {
  program
    .command('serve')
    .description('serve models over HTTP: Hugging Face Inference API, OpenAI embeddings, Open Inference Protocol (KServe v2)')
    .option('-m, --model <id|dir>', 'a model to serve (repeat for several; default: the embedded model of the task)', collect)
    .option('--task <task>', 'the pipeline task of the --model flags', 'text-classification')
    .option('--name <name>', 'the served name of each --model, in order (default: its folder or repo name)', collect)
    .option('--config <file>', 'JSON file {"models": [{"name", "task", "model"}]} instead of --model/--task/--name')
    .option('--host <host>', 'address to listen on', SERVE_DEFAULTS.host)
    .option('--port <port>', 'port to listen on (0: any free one)', int(0), SERVE_DEFAULTS.port)
    .option('--workers <n>', 'worker threads per model (0: run in the server thread)', int(0), SERVE_DEFAULTS.workers)
    .option('--max-batch <n>', 'inputs per model call at most', int(1), SERVE_DEFAULTS.maxBatch)
    .option('--max-batch-tokens <n>', 'tokens per model call at most; larger requests run in slices', int(1), SERVE_DEFAULTS.maxBatchTokens)
    .option(
      '--max-wait-ms <ms>',
      'how long an input waits for companions before its batch runs anyway (0: never waits)',
      int(0),
      SERVE_DEFAULTS.maxWaitMs,
    )
    .option('--max-queue <n>', 'inputs waiting per model before 503 QUEUE_FULL', int(1), SERVE_DEFAULTS.maxQueue)
    .option(
      '--max-concurrent-requests <n>',
      'inference requests admitted at once; more get 503 OVERLOADED before their body is read',
      int(1),
      SERVE_DEFAULTS.maxConcurrentRequests,
    )
    .option('--max-inputs <n>', 'inputs (or tensor rows) per request at most (413 above)', int(1), SERVE_DEFAULTS.maxInputs)
    .option('--max-request-tokens <n>', 'tokens per request at most (413 above)', int(1), SERVE_DEFAULTS.maxRequestTokens)
    .option('--timeout-ms <ms>', 'per-request deadline (503 TIMEOUT)', int(1), SERVE_DEFAULTS.timeoutMs)
    .option('--body-limit <bytes>', 'largest request body (413 above)', int(1), SERVE_DEFAULTS.bodyLimit)
    .option('--header-timeout-ms <ms>', 'the request line and headers must arrive within (408)', int(1), SERVE_DEFAULTS.headerTimeoutMs)
    .option('--body-timeout-ms <ms>', 'the whole request must arrive within (408)', int(1), SERVE_DEFAULTS.bodyTimeoutMs)
    .option('--keep-alive-timeout-ms <ms>', 'idle keep-alive connections close after', int(1), SERVE_DEFAULTS.keepAliveTimeoutMs)
    .option('--max-connections <n>', 'client connections open at once; more are closed at accept', int(1), SERVE_DEFAULTS.maxConnections)
    .option('--drain-grace-ms <ms>', 'on SIGTERM, /ready answers 503 this long while requests are still served', int(0), 5000)
    .option(
      '--drain-timeout-ms <ms>',
      'on SIGTERM, the whole drain at most; requests still running are cut',
      int(1),
      SERVE_DEFAULTS.drainTimeoutMs,
    )
    .option('--api-key <key>', 'require Authorization: Bearer <key> (default $CONVBERT_API_KEY)')
    .option('--revision <rev>', 'hub branch, tag or commit', 'main')
    .option('--cache-dir <dir>', 'download cache (default $CONVBERT_CACHE or ~/.cache/convbert)')
    .option('--offline', 'use only cached or local files')
    .addOption(new Option('--device <device>', 'execution provider').choices(['cpu', 'webgpu', 'cuda']).default('cpu'))
    .addOption(new Option('--dtype <dtype>', 'precision of a graph built from a checkpoint').choices([...DTYPES]))
    .option('--debug', 'log load-shedding refusals and drain steps too (JSON lines on stderr), besides 5xx failures')
    .action((flags: ServeFlags) => runServe(flags));
}
