import { createInterface } from 'node:readline';
import type { DType } from '@convbert/core';
import type { PipelineOptions } from '../platform.js';
import { CliInputError } from './errors.js';
import { formatResult, toJson } from './format.js';
import { inputFromArgs, inputFromJsonLine, type TaskFlags } from './input.js';
import { createProgressReporter } from './progress.js';
import { type CliTask, loadTaskPipeline } from './tasks.js';

/** Flags every command that loads a model takes. */
export interface CommonFlags {
  model?: string;
  revision?: string;
  cacheDir?: string;
  offline?: boolean;
  device?: 'cpu' | 'webgpu' | 'cuda';
  dtype?: DType;
  debug?: boolean;
}

export interface TaskCommandFlags extends CommonFlags, TaskFlags {
  topK?: number;
  json?: boolean;
  skipErrors?: boolean;
  aggregationStrategy?: string;
  maxSeqLen?: number;
  docStride?: number;
  maxAnswerLen?: number;
  handleImpossibleAnswer?: boolean;
  pooling?: string;
  normalize?: boolean;
}

/** The loader options the common flags stand for (`--offline` is `localFilesOnly`). */
export function loadOptionsFrom(flags: CommonFlags): PipelineOptions {
  const o: PipelineOptions = {
    revision: flags.revision,
    cacheDir: flags.cacheDir,
    localFilesOnly: flags.offline,
    device: flags.device,
    dtype: flags.dtype,
  };
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as PipelineOptions;
}

function runOptionsFrom(task: CliTask, f: TaskCommandFlags): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  if (f.topK !== undefined) o.topK = f.topK;
  if (task === 'token-classification' && f.aggregationStrategy) o.aggregationStrategy = f.aggregationStrategy;
  if (task === 'question-answering') {
    for (const k of ['maxSeqLen', 'docStride', 'maxAnswerLen', 'handleImpossibleAnswer'] as const) if (f[k] !== undefined) o[k] = f[k];
  }
  if (task === 'feature-extraction') {
    if (f.pooling) o.pooling = f.pooling;
    if (f.normalize) o.normalize = true;
  }
  return o;
}

interface Item {
  /** `stdin line 3` or `argument 2`: where the input came from, for messages. */
  where: string;
  /** The line or argument number, for `--skip-errors` records. */
  at: { line: number } | { argument: number };
  input?: unknown;
  error?: unknown;
}

async function* stdinItems(task: CliTask): AsyncGenerator<Item> {
  const rl = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
  let n = 0;
  for await (const line of rl) {
    n++;
    if (line.trim() === '') continue;
    const item: Item = { where: `stdin line ${n}`, at: { line: n } };
    try {
      item.input = inputFromJsonLine(task, line, n);
    } catch (err) {
      item.error = err;
    }
    yield item;
  }
}

function* argItems(inputs: unknown[]): Generator<Item> {
  for (const [i, input] of inputs.entries()) yield { where: `argument ${i + 1}`, at: { argument: i + 1 }, input };
}

/** The error of one input, with where it came from in front of the library's message. */
function located(err: unknown, where: string): Error {
  if (err instanceof Error && err.message.startsWith(where)) return err;
  // The library numbers the inputs of its call; the CLI calls it with one input at a time.
  const message = (err instanceof Error ? err.message : String(err)).replace(/^(input|prompt) 0:? /, '');
  return new CliInputError(`${where}: ${message}`, err);
}

/**
 * Runs a task over the positional texts or JSON Lines from stdin. A bad input ends the run
 * with an error naming its line, or with `--skip-errors` becomes `{"error": {...}}` on its
 * output line and the run goes on (exit code 1 at the end when any input failed).
 */
export async function runTask(task: CliTask, texts: string[], flags: TaskCommandFlags): Promise<void> {
  const fromStdin = texts.length === 0 && !process.stdin.isTTY;
  const inputs = fromStdin ? null : inputFromArgs(task, texts, flags);
  const progress = createProgressReporter();
  let pipe: Awaited<ReturnType<typeof loadTaskPipeline>>;
  try {
    pipe = await loadTaskPipeline(task, flags.model, loadOptionsFrom(flags));
  } finally {
    progress.stop();
  }
  const options = runOptionsFrom(task, flags);
  const json = flags.json || fromStdin;
  let failed = 0;
  try {
    for await (const item of inputs ? argItems(inputs) : stdinItems(task)) {
      let result: unknown;
      try {
        if (item.error !== undefined) throw item.error;
        result = await pipe.run(item.input, options);
      } catch (err) {
        const e = located(err, item.where);
        if (!flags.skipErrors) throw e;
        failed++;
        const code = (e as { code?: unknown }).code;
        process.stdout.write(
          `${JSON.stringify({ error: { ...item.at, code: typeof code === 'string' ? code : null, message: e.message } })}\n`,
        );
        continue;
      }
      process.stdout.write(`${json ? toJson(result) : formatResult(task, result)}\n`);
    }
  } finally {
    await pipe.dispose();
  }
  if (failed > 0) {
    process.stderr.write(`convbert: ${failed} input${failed > 1 ? 's' : ''} failed (error objects written in their place)\n`);
    process.exitCode = 1;
  }
}
