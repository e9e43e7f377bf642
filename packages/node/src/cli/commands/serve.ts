import { readFile } from 'node:fs/promises';
import { DTYPES, type DType } from '@convbert/core';
import { PIPELINE_TASKS } from '@convbert/heads';
import { type Command, InvalidArgumentError, Option } from 'commander';
import type { NodeDevice } from '../../backend/backend.js';
import type { TaskName } from '../../platform.js';
import type { ServedModelSpec } from '../../serve/served-model.js';
import { repositoryName } from '../../serve/triton/export.js';
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
  maxWaitMs: number;
  maxQueue: number;
  timeoutMs: number;
  bodyLimit: number;
  apiKey?: string;
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
      return { name: m.name ?? repositoryName(m.model ?? m.task), task: checkTask(m.task), model: m.model };
    });
  }
  const task = checkTask(flags.task ?? 'text-classification');
  const models = flags.model?.length ? flags.model : [undefined];
  const names = flags.name ?? [];
  if (names.length > models.length) throw new CliUsageError('more --name than --model flags');
  // Default names are the last path segment, so they also fit `/v2/models/<name>` (no slash).
  return models.map((model, i) => ({ name: names[i] ?? (models.length === 1 ? 'default' : repositoryName(model ?? task)), task, model }));
}

/** Serves until SIGTERM or SIGINT, then finishes what is in flight and resolves (exit code 0). */
export async function runServe(flags: ServeFlags): Promise<void> {
  const specs = await modelSpecs(flags);
  const server = await serve({
    models: specs,
    host: flags.host,
    port: flags.port,
    workers: flags.workers,
    maxBatch: flags.maxBatch,
    maxWaitMs: flags.maxWaitMs,
    maxQueue: flags.maxQueue,
    timeoutMs: flags.timeoutMs,
    bodyLimit: flags.bodyLimit,
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
  process.stderr.write(`convbert: ${signal}: finishing the requests in flight (send it again to stop at once)\n`);
  const force = () => {
    process.stderr.write('convbert: stopped without finishing\n');
    process.exit(130);
  };
  process.once('SIGTERM', force);
  process.once('SIGINT', force);
  await server.close();
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
    .option('--name <name>', 'the served name of each --model, in order (default: "default" for one model)', collect)
    .option('--config <file>', 'JSON file {"models": [{"name", "task", "model"}]} instead of --model/--task/--name')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--port <port>', 'port to listen on (0: any free one)', int(0), 8080)
    .option('--workers <n>', 'worker threads per model (0: run in the server thread)', int(0), 1)
    .option('--max-batch <n>', 'inputs per model call at most', int(1), 32)
    .option('--max-wait-ms <ms>', 'how long an input waits for companions before its batch runs anyway (0: never waits)', int(0), 5)
    .option('--max-queue <n>', 'inputs waiting per model before 503', int(1), 1024)
    .option('--timeout-ms <ms>', 'per-request deadline', int(1), 30_000)
    .option('--body-limit <bytes>', 'largest request body', int(1), 4 * 2 ** 20)
    .option('--api-key <key>', 'require Authorization: Bearer <key> (default $CONVBERT_API_KEY)')
    .option('--revision <rev>', 'hub branch, tag or commit', 'main')
    .option('--cache-dir <dir>', 'download cache (default $CONVBERT_CACHE or ~/.cache/convbert)')
    .option('--offline', 'use only cached or local files')
    .addOption(new Option('--device <device>', 'execution provider').choices(['cpu', 'webgpu', 'cuda']).default('cpu'))
    .addOption(new Option('--dtype <dtype>', 'precision of a graph built from a checkpoint').choices([...DTYPES]))
    .option('--debug', 'print stack traces and the causes of errors')
    .action((flags: ServeFlags) => runServe(flags));
}
