import { DTYPES, type DType } from '@convbert/core';
import { HEAD_KINDS, type HeadKind } from '@convbert/heads';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { exportTriton } from '../../serve/triton/export.js';
import { CliUsageError } from '../errors.js';

interface ExportFlags {
  triton?: boolean;
  name?: string;
  head?: string;
  dtype?: DType;
  maxBatch: number;
  maxQueueDelayUs: number;
  instanceKind: 'auto' | 'cpu' | 'gpu';
  instanceCount: number;
  revision?: string;
  cacheDir?: string;
  offline?: boolean;
}

const int = (min: number) => (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`must be an integer ≥ ${min}`);
  return n;
};

async function runExport(model: string, repository: string, flags: ExportFlags): Promise<void> {
  if (!flags.triton) throw new CliUsageError('say which format: convbert export --triton <model> <repository-dir>');
  if (flags.head !== undefined && flags.head !== 'base' && !(HEAD_KINDS as readonly string[]).includes(flags.head)) {
    throw new CliUsageError(`unknown head ${flags.head}: use base or ${HEAD_KINDS.join(', ')}`);
  }
  const out = await exportTriton(model, repository, {
    name: flags.name,
    head: flags.head as HeadKind | 'base' | undefined,
    dtype: flags.dtype,
    maxBatch: flags.maxBatch,
    maxQueueDelayMicroseconds: flags.maxQueueDelayUs,
    instanceKind: flags.instanceKind,
    instanceCount: flags.instanceCount,
    revision: flags.revision,
    cacheDir: flags.cacheDir,
    localFilesOnly: flags.offline,
  });
  process.stderr.write(`convbert: wrote ${out.config} and ${out.model} (${out.head})\n`);
}

/** Registers `convbert export --triton` on the program. */
export function addExportCommand(program: Command): void {
  program
    .command('export')
    .description('write a Triton Inference Server model repository entry (config.pbtxt + 1/model.onnx), servable by KServe too')
    .argument('<model>', 'hub id or folder: a checkpoint (built into a graph) or an ONNX export')
    .argument('<repository-dir>', 'the model repository; the model goes into <repository-dir>/<name>/')
    .option('--triton', 'write the Triton layout (the one format for now)')
    .option('--name <name>', 'model name in the repository (default: the folder or repo name)')
    .option('--head <head>', 'head to export when config.json names none (base: the bare encoder)')
    .addOption(new Option('--dtype <dtype>', 'precision of a graph built from a checkpoint').choices([...DTYPES]))
    .option('--debug', 'print stack traces and the causes of errors')
    .option('--max-batch <n>', "Triton's max_batch_size (0: no batching)", int(0), 32)
    .option('--max-queue-delay-us <us>', "dynamic batching's max_queue_delay_microseconds", int(0), 5000)
    .addOption(
      new Option('--instance-kind <kind>', 'where Triton runs instances (auto: GPU if present)')
        .choices(['auto', 'cpu', 'gpu'])
        .default('auto'),
    )
    .option('--instance-count <n>', 'instances per device', int(1), 1)
    .option('--revision <rev>', 'hub branch, tag or commit', 'main')
    .option('--cache-dir <dir>', 'download cache')
    .option('--offline', 'use only cached or local files')
    .action((model: string, repository: string, flags: ExportFlags) => runExport(model, repository, flags));
}
