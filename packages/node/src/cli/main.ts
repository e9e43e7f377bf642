import { readFileSync } from 'node:fs';
import { DTYPES } from '@convbert/core';
import { Command, InvalidArgumentError, Option } from 'commander';
import { runBench } from './commands/bench.js';
import { runConvert } from './commands/convert.js';
import { addExportCommand } from './commands/export-triton.js';
import { runInfo } from './commands/info.js';
import { addServeCommand } from './commands/serve.js';
import { CliUsageError, formatError } from './errors.js';
import { type CommonFlags, runTask, type TaskCommandFlags } from './run-task.js';
import { CLI_TASKS, TOP_K_TASKS } from './tasks.js';

const VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

const positiveInt = (v: string) => {
  const n = Number(v);
  if (!/^\s*\d+\s*$/.test(v) || !Number.isInteger(n) || n < 1) throw new InvalidArgumentError('must be a positive integer');
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
      new Option('--dtype <dtype>', 'precision of a graph built from a checkpoint (default fp32; refused for an ONNX export)').choices([
        ...DTYPES,
      ]),
    )
    .option('--debug', 'print stack traces and the causes of errors');
}

export function buildProgram(): Command {
  const program = new Command('convbert')
    .description('ConvBERT on onnxruntime-node: every task of Hugging Face pipelines, checkpoints converted without Python')
    .version(VERSION, '-V, --version', 'print the version')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeErr: (s) => process.stderr.write(s) })
    // Before the commands are added, so that each inherits it: usage errors reach main() as errors.
    .exitOverride();

  for (const task of CLI_TASKS) {
    const cmd = addCommon(
      program
        .command(task)
        .description(`run the ${task} pipeline on the given texts, or on JSON Lines from standard input`)
        .argument('[text...]', 'input texts (questions for question-answering, prompts for multiple-choice)'),
    )
      .option('--json', 'print JSON (always on for JSON Lines input)')
      .option('--skip-errors', 'write {"error": ...} for an input that fails and go on (exit code 1 at the end)');
    if (TOP_K_TASKS.includes(task)) cmd.option('-k, --top-k <n>', 'results per input', positiveInt);
    if (task === 'text-classification') cmd.alias('sentiment-analysis').option('--pair <text>', 'second text of a sentence pair');
    if (task === 'question-answering') {
      cmd
        .option('--context <text>', 'the context to find the answer in')
        .option('--max-seq-len <n>', 'tokens per window of question and context', positiveInt)
        .option('--doc-stride <n>', 'overlap of consecutive context windows', positiveInt)
        .option('--max-answer-len <n>', 'longest answer in tokens', positiveInt)
        .option('--handle-impossible-answer', 'allow the empty answer');
    }
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
      .argument('<checkpoint>', 'folder (or hub id) with config.json and model.safetensors, pytorch_model.bin or tf_model.h5')
      .argument('<out-dir>', 'where to write onnx/model.onnx, config.json and the tokenizer files'),
  ).action((checkpoint: string, outDir: string, flags: CommonFlags) => runConvert(checkpoint, outDir, flags));

  addCommon(
    program
      .command('info')
      .description('print the configuration, sizes, heads and labels of a model; without one, the embedded models')
      .argument('[model]', 'hub id or folder'),
  )
    .option('--json', 'print JSON')
    .action((model: string | undefined, flags: CommonFlags & { json?: boolean }) => runInfo(model, flags));

  addCommon(program.command('bench').description('measure latency and throughput of a model').argument('<model>', 'hub id or folder'))
    .option('--batch <n>', 'sequences per run', positiveInt, 1)
    .option('--seq <n>', 'tokens per sequence', positiveInt, 64)
    .option('--runs <n>', 'timed runs', positiveInt, 20)
    .action((model: string, flags: CommonFlags & { batch: number; seq: number; runs: number }) => runBench(model, flags));

  addServeCommand(program);
  addExportCommand(program);

  return program;
}

/**
 * `convbert ... | head -1`: once the reader has gone, stop quietly (exit 0) instead of an
 * unhandled EPIPE with a stack trace; other stdout errors still surface.
 */
function quietOnClosedPipe(): void {
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
}

/** The `convbert` binary: one-line errors and a non-zero exit code, stack traces only with --debug. */
export async function main(argv: string[] = process.argv): Promise<number> {
  const program = buildProgram();
  quietOnClosedPipe();
  try {
    await program.parseAsync(argv);
    // A command may end with a failure it has already reported (--skip-errors).
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    const e = err as { code?: string; exitCode?: number };
    if (typeof e.code === 'string' && e.code.startsWith('commander.')) {
      // commander has printed its own message: help and version exit 0, every usage error 2.
      return e.exitCode === 0 ? 0 : 2;
    }
    process.stderr.write(`${formatError(err, argv.includes('--debug'))}\n`);
    return err instanceof CliUsageError ? 2 : 1;
  }
}
