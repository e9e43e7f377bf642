import { join, resolve } from 'node:path';
import { CoreError, loadModelFiles, type ModelSource, ONNX_FILES, utf8Decode, utf8Encode } from '@convbert/core';
import { buildConvBertEncoder } from '@convbert/core/graph';
import { buildHeadGraph, HEAD_KINDS, type HeadKind, loadEitherFramework } from '@convbert/heads';
import { tokenizerOptionsFromConfig, wordPieceTokenizerJson } from '@convbert/tokenizer';
import { writeFileAtomic } from '../../fs/write-atomic.js';
import { openSource } from '../../sources/open.js';
import { type CommonFlags, loadOptionsFrom } from '../run-task.js';

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

async function readJson(source: ModelSource, name: string): Promise<Record<string, unknown>> {
  return (await source.exists(name)) ? (JSON.parse(utf8Decode(await source.read(name))) as Record<string, unknown>) : {};
}

/**
 * The tokenizer files of the output: those of the checkpoint, plus a `tokenizer.json` made from
 * `vocab.txt` when the checkpoint has none, so that loaders that read only tokenizer.json
 * (transformers.js) take the folder unchanged.
 */
async function tokenizerFiles(source: ModelSource): Promise<Map<string, Uint8Array>> {
  const files = new Map<string, Uint8Array>();
  for (const name of TOKENIZER_FILES) if (await source.exists(name)) files.set(name, await source.read(name));
  const vocab = files.get('vocab.txt');
  if (!files.has('tokenizer.json') && vocab) {
    const config = { ...(await readJson(source, 'special_tokens_map.json')), ...(await readJson(source, 'tokenizer_config.json')) };
    files.set('tokenizer.json', utf8Encode(wordPieceTokenizerJson(utf8Decode(vocab), tokenizerOptionsFromConfig(config))));
  }
  return files;
}

/**
 * A checkpoint folder (or hub id) -> `<out>/onnx/model.onnx` with the head its config names,
 * plus config.json and the tokenizer files: the layout ONNX model repos on the hub use, which
 * `fromPretrained`, transformers.js and other ONNX runtimes' loaders read as is.
 */
export async function runConvert(checkpoint: string, outDir: string, flags: CommonFlags): Promise<void> {
  const { revision, cacheDir, localFilesOnly, dtype } = loadOptionsFrom(flags);
  const source = await openSource(checkpoint, { revision, cacheDir, localFilesOnly });
  const hasWeights = async () =>
    (await source.exists('model.safetensors')) || (await source.exists('pytorch_model.bin')) || (await source.exists('tf_model.h5'));
  for (const file of ONNX_FILES) {
    if ((await source.exists(file)) && !(await hasWeights())) {
      throw new CoreError(
        'MODEL_FILES_MISSING',
        `${checkpoint} is already an ONNX export (${file}), with no checkpoint weights to convert: load it as it is (--model ${checkpoint})`,
      );
    }
  }
  // PyTorch weights first, else tf_model.h5 (a TF-only folder), as transformers' pipeline() infers it
  const files = await loadEitherFramework((o) => loadModelFiles(source, o), { format: 'checkpoint' as const });
  if (files.kind !== 'checkpoint') throw new CoreError('MODEL_FILES_MISSING', `${checkpoint} is not a checkpoint`);
  const head = headForArchitecture(files.config.architectures?.[0]);
  const graph =
    head === 'base'
      ? buildConvBertEncoder(files.config, files.weights, { dtype })
      : buildHeadGraph(head, files.config, files.weights, { dtype });
  const out = resolve(outDir);
  const tokenizer = await tokenizerFiles(source);
  await writeFileAtomic(join(out, 'onnx', 'model.onnx'), graph);
  await writeFileAtomic(join(out, 'config.json'), utf8Encode(files.configText));
  for (const [name, bytes] of tokenizer) await writeFileAtomic(join(out, name), bytes);
  process.stderr.write(
    `convbert: wrote ${join(out, 'onnx', 'model.onnx')} (${head === 'base' ? 'ConvBertModel' : head}, ${dtype ?? 'fp32'}, ${(graph.byteLength / 2 ** 20).toFixed(1)} MB), config.json${tokenizer.size ? `, ${[...tokenizer.keys()].join(', ')}` : ''}\n`,
  );
}
