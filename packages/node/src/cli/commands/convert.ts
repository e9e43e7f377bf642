import { randomBytes } from 'node:crypto';
import { mkdir, rename, unlink, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { DType } from '@convbert/core';
import { buildConvBertEncoder, CoreError, loadModelFiles } from '@convbert/core';
import { buildHeadGraph, HEAD_KINDS, type HeadKind, loadEitherFramework } from '@convbert/heads';
import { openSource, type SourceOptions } from '../../source/open.js';

const TOKENIZER_FILES = ['vocab.txt', 'tokenizer.json', 'tokenizer_config.json', 'special_tokens_map.json'];

/** `ConvBertForSequenceClassification` (or `TFConvBertFor...`) -> `sequence-classification`; `ConvBertModel` (or none) -> the bare encoder. */
export function headForArchitecture(name: string | undefined): HeadKind | 'base' {
  const architecture = name?.replace(/^TF(?=ConvBert)/, '');
  if (architecture === undefined || architecture === 'ConvBertModel') return 'base';
  const kebab = architecture
    .replace(/^ConvBertFor/, '')
    .replace(/([a-z])([A-Z])/g, '$1-$2')
    .toLowerCase()
    .replace(/^masked-l-m$/, 'masked-lm');
  if ((HEAD_KINDS as readonly string[]).includes(kebab)) return kebab as HeadKind;
  throw new CoreError('GRAPH_INVALID', `architecture ${architecture} is not a ConvBERT class this converter knows`);
}

async function writeAtomic(path: string, bytes: Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(tmp, bytes);
    await rename(tmp, path);
  } catch (err) {
    await unlink(tmp).catch(() => {});
    throw err;
  }
}

/**
 * A checkpoint folder (or hub id) -> `<out>/onnx/model.onnx` with the head its config names,
 * plus config.json and the tokenizer files: the layout ONNX model repos on the hub use, which
 * `fromPretrained` (and other ONNX runtimes' loaders) read as is.
 */
export async function runConvert(checkpoint: string, outDir: string, flags: SourceOptions & { dtype?: DType }): Promise<void> {
  const source = await openSource(checkpoint, flags);
  // PyTorch weights first, else tf_model.h5 (a TF-only folder), as transformers' pipeline() infers it
  const files = await loadEitherFramework((o) => loadModelFiles(source, o), { format: 'checkpoint' as const });
  if (files.kind !== 'checkpoint') throw new CoreError('MODEL_FILES_MISSING', `${checkpoint} is not a checkpoint`);
  const head = headForArchitecture(files.config.architectures?.[0]);
  const graph =
    head === 'base'
      ? buildConvBertEncoder(files.config, files.weights, { dtype: flags.dtype })
      : buildHeadGraph(head, files.config, files.weights, { dtype: flags.dtype });
  const out = resolve(outDir);
  await writeAtomic(join(out, 'onnx', 'model.onnx'), graph);
  await writeAtomic(join(out, 'config.json'), new TextEncoder().encode(files.configText));
  const copied: string[] = [];
  for (const name of TOKENIZER_FILES) {
    if (await source.exists(name)) {
      await writeAtomic(join(out, name), await source.read(name));
      copied.push(name);
    }
  }
  process.stderr.write(
    `convbert: wrote ${join(out, 'onnx', 'model.onnx')} (${head === 'base' ? 'ConvBertModel' : head}, ${flags.dtype ?? 'fp32'}, ${(graph.byteLength / 2 ** 20).toFixed(1)} MB), config.json${copied.length ? `, ${copied.join(', ')}` : ''}\n`,
  );
}
