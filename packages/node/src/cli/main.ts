import { createInterface } from 'node:readline';
import { Command, InvalidArgumentError, Option } from 'commander';
import { runBench } from './commands/bench.js';
import { runConvert } from './commands/convert.js';
import { addExportCommand } from './commands/export-triton.js';
import { runInfo } from './commands/info.js';
import { addServeCommand } from './commands/serve.js';
import { CliUsageError, formatError } from './errors.js';
import { formatResult, toJson } from './format.js';
import { inputFromArgs, inputFromJsonLine, type TaskFlags } from './input.js';
import { createProgressReporter } from './progress.js';
import { CLI_TASKS, type CliTask, loadTaskPipeline } from './tasks.js';

interface CommonFlags {
  model?: string;
  revision?: string;
  cacheDir?: string;
  offline?: boolean;
  device?: 'cpu' | 'webgpu' | 'cuda';
  dtype?: 'fp32' | 'fp16' | 'int8';
  debug?: boolean;
}

interface TaskCommandFlags extends CommonFlags, TaskFlags {
  topK?: number;
  json?: boolean;
  aggregationStrategy?: string;
  pooling?: string;
  normalize?: boolean;
}

const positiveInt = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('must be a positive integer');
  return n;
};

function addCommon(cmd: Command): Command {
  return cmd
    .option('-m, --model <id|dir>', 'hub repo id or local folder (default: the embedded model of the task)')
    .option('--revision <rev>', 'hub branch, tag or commit', 'main')
    .option('--cache-dir <dir>', 'download cache (default $CONVBERT_CACHE or ~/.cache/convbert)')
    .option('--offline', 'use only cached or local files (as HF_HUB_OFFLINE=1)')
    .addOption(new Option('--device <device>', 'execution provider').choices(['cpu', 'webgpu', 'cuda']).default('cpu'))
    .addOption(
      new Option('--dtype <dtype>', 'precision of a graph built from a checkpoint').choices(['fp32', 'fp16', 'int8']).default('fp32'),
    )
    .option('--debug', 'print stack traces');
}

async function* readJsonLines(task: string): AsyncGenerator<unknown> {
  const rl = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
  let n = 0;
  for await (const line of rl) {
    n++;
    if (line.trim() === '') continue;
    yield inputFromJsonLine(task, line, n);
  }
}

function runOptionsFrom(task: CliTask, f: TaskCommandFlags): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  if (f.topK !== undefined) o.topK = f.topK;
  if (task === 'token-classification' && f.aggregationStrategy) o.aggregationStrategy = f.aggregationStrategy;
  if (task === 'feature-extraction') {
    if (f.pooling) o.pooling = f.pooling;
    if (f.normalize) o.normalize = true;
  }
  return o;
}

async function runTask(task: CliTask, texts: string[], flags: TaskCommandFlags): Promise<void> {
  const fromStdin = texts.length === 0 && !process.stdin.isTTY;
  const inputs = fromStdin ? null : inputFromArgs(task, texts, flags);
  const progress = createProgressReporter();
  let pipe: Awaited<ReturnType<typeof loadTaskPipeline>>;
  try {
    pipe = await loadTaskPipeline(task, flags.model, {
      revision: flags.revision,
      cacheDir: flags.cacheDir,
      localFilesOnly: flags.offline,
      device: flags.device,
      dtype: flags.dtype,
      onProgress: progress.onProgress,
    });
  } finally {
    progress.stop();
  }
  const options = runOptionsFrom(task, flags);
  try {
    const emit = (result: unknown) => process.stdout.write(`${flags.json || fromStdin ? toJson(result) : formatResult(task, result)}\n`);
    if (inputs) {
      for (const input of inputs) emit(await pipe.run(input, options));
    } else {
      for await (const input of readJsonLines(task)) emit(await pipe.run(input, options));
    }
  } finally {
    await pipe.dispose();
  }
}

export function buildProgram(): Command {
  const program = new Command('convbert')
    .description('ConvBERT on onnxruntime-node: every task of Hugging Face pipelines, checkpoints converted without Python')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });

  for (const task of CLI_TASKS) {
    const cmd = addCommon(
      program
        .command(task)
        .description(`run the ${task} pipeline on the given texts, or on JSON Lines from standard input`)
        .argument('[text...]', 'input texts (questions for question-answering, prompts for multiple-choice)'),
    )
      .option('-k, --top-k <n>', 'results per input', positiveInt)
      .option('--json', 'print JSON (always on for JSON Lines input)');
    if (task === 'text-classification') cmd.option('--pair <text>', 'second text of a sentence pair');
    if (task === 'question-answering') cmd.option('--context <text>', 'the context to find the answer in');
    if (task === 'multiple-choice') cmd.option('--choices <choice...>', 'the candidate answers');
    if (task === 'token-classification') {
      cmd.addOption(
        new Option('--aggregation-strategy <s>', 'how sub-words make entities').choices(['none', 'simple', 'first', 'average', 'max']),
      );
    }
    if (task === 'feature-extraction') {
      cmd.addOption(new Option('--pooling <p>', 'pooling of token vectors').choices(['none', 'cls', 'mean']));
      cmd.option('--normalize', 'L2-normalise the pooled vector');
    }
    cmd.action((texts: string[], flags: TaskCommandFlags) => runTask(task, texts, flags));
  }

  addCommon(
    program
      .command('convert')
      .description('turn a Hugging Face checkpoint folder into an ONNX export (plus config and tokenizer files)')
      .argument('<checkpoint>', 'folder (or hub id) with config.json and model.safetensors or pytorch_model.bin')
      .argument('<out-dir>', 'where to write onnx/model.onnx, config.json and the tokenizer files'),
  ).action((checkpoint: string, outDir: string, flags: CommonFlags) => runConvert(checkpoint, outDir, flags));

  addCommon(
    program
      .command('info')
      .description('print the configuration, sizes, heads and labels of a model')
      .argument('<model>', 'hub id or folder'),
  )
    .option('--json', 'print JSON')
    .action((model: string, flags: CommonFlags & { json?: boolean }) => runInfo(model, flags));

  addCommon(program.command('bench').description('measure latency and throughput of a model').argument('<model>', 'hub id or folder'))
    .option('--batch <n>', 'sequences per run', positiveInt, 1)
    .option('--seq <n>', 'tokens per sequence', positiveInt, 64)
    .option('--runs <n>', 'timed runs', positiveInt, 20)
    .action((model: string, flags: CommonFlags & { batch: number; seq: number; runs: number }) => runBench(model, flags));

  addServeCommand(program);
  addExportCommand(program);

  return program;
}

/** The `convbert` binary: one-line errors and a non-zero exit code, stack traces only with --debug. */
export async function main(argv: string[] = process.argv): Promise<number> {
  const program = buildProgram().exitOverride();
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (err) {
    const e = err as { code?: string; exitCode?: number };
    if (typeof e.code === 'string' && e.code.startsWith('commander.')) {
      // commander has printed its own message (help, version, usage error).
      return e.exitCode ?? 1;
    }
    process.stderr.write(`${formatError(err, argv.includes('--debug'))}\n`);
    return err instanceof CliUsageError ? 2 : 1;
  }
}
