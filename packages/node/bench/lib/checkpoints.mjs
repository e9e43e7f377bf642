// Bench checkpoints: the medium-small shape from the torch-exported ONNX in ../shared/bench (its
// initializers carry the PyTorch names, so they are the Hugging Face checkpoint), and the base
// shape with random weights from a fixed seed. Both are written as `config.json` +
// `model.safetensors` (+ tokenizer files) into a temporary folder.
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseConfig, presetConfig } from '@convbert/config';
import { readSafetensors, writeSafetensors } from '@convbert/core';
import { buildConvBertEncoder, REFERENCE_BLOCKS } from '@convbert/core/graph';

// pbf is @convbert/core's protobuf library; the bench borrows it rather than adding a dependency.
const { PbfReader: Pbf } = await import(
  pathToFileURL(createRequire(fileURLToPath(import.meta.resolve('@convbert/core'))).resolve('pbf')).href
);

/** `$CONVBERT_SHARED/bench/medium-small/` (default: the `shared` folder beside the repository). */
export const SHARED_MEDIUM_SMALL = process.env.CONVBERT_SHARED
  ? join(process.env.CONVBERT_SHARED, 'bench', 'medium-small', '/')
  : fileURLToPath(new URL('../../../../../shared/bench/medium-small/', import.meta.url));
export const TOKENIZER_FILES = ['tokenizer.json', 'tokenizer_config.json', 'special_tokens_map.json', 'vocab.txt'];

/** The float32 initializers of an ONNX model (raw_data only), by name. */
export function onnxInitializers(bytes) {
  const tensors = [];
  const readTensor = (tag, t, pbf) => {
    if (tag === 1) pbf.readPackedVarint(t.dims);
    else if (tag === 2) t.dataType = pbf.readVarint();
    else if (tag === 8) t.name = pbf.readString();
    else if (tag === 9) t.raw = pbf.readBytes();
  };
  const readGraph = (tag, _g, pbf) => {
    if (tag === 5) tensors.push(pbf.readMessage(readTensor, { dims: [], dataType: 0, name: '', raw: undefined }));
  };
  new Pbf(bytes).readFields((tag, _m, pbf) => {
    if (tag === 7) pbf.readMessage(readGraph, {});
  }, {});
  return tensors.filter((t) => t.dataType === 1 && t.raw !== undefined);
}

/** The Hugging Face checkpoint of the shared medium-small ONNX's weights, written to `dir`. */
export function writeMediumSmall(dir) {
  mkdirSync(dir, { recursive: true });
  const onnx = new Uint8Array(readFileSync(join(SHARED_MEDIUM_SMALL, 'onnx/model.onnx')));
  const tensors = onnxInitializers(onnx)
    .filter((t) => !/^onnx::|^\//.test(t.name))
    .map((t) => [t.name, { dtype: 'F32', shape: t.dims, data: new Float32Array(t.raw.slice().buffer) }]);
  writeFileSync(join(dir, 'model.safetensors'), writeSafetensors(new Map(tensors)));
  for (const f of ['config.json', ...TOKENIZER_FILES]) copyFileSync(join(SHARED_MEDIUM_SMALL, f), join(dir, f));
  return dir;
}

/** mulberry32: a small seeded generator, so every run writes the same base weights. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Names and shapes of a `ConvBertModel` checkpoint (transformers 4.36). */
export function convBertShapes(c) {
  const H = c.hidden_size;
  const E = c.embedding_size;
  const I = c.intermediate_size;
  const k = c.conv_kernel_size;
  const A = c.derived.allHeadSize;
  const h = c.derived.numHeads;
  const G = c.num_groups;
  const s = [
    ['embeddings.word_embeddings.weight', [c.vocab_size, E]],
    ['embeddings.position_embeddings.weight', [c.max_position_embeddings, E]],
    ['embeddings.token_type_embeddings.weight', [c.type_vocab_size, E]],
    ['embeddings.LayerNorm.weight', [E]],
    ['embeddings.LayerNorm.bias', [E]],
  ];
  if (E !== H) s.push(['embeddings_project.weight', [H, E]], ['embeddings_project.bias', [H]]);
  for (let i = 0; i < c.num_hidden_layers; i++) {
    const p = `encoder.layer.${i}`;
    for (const n of ['query', 'key', 'value', 'conv_out_layer'])
      s.push([`${p}.attention.self.${n}.weight`, [A, H]], [`${p}.attention.self.${n}.bias`, [A]]);
    s.push(
      [`${p}.attention.self.key_conv_attn_layer.depthwise.weight`, [H, 1, k]],
      [`${p}.attention.self.key_conv_attn_layer.pointwise.weight`, [A, H, 1]],
      [`${p}.attention.self.key_conv_attn_layer.bias`, [A, 1]],
      [`${p}.attention.self.conv_kernel_layer.weight`, [h * k, A]],
      [`${p}.attention.self.conv_kernel_layer.bias`, [h * k]],
      [`${p}.attention.output.dense.weight`, [H, H]],
      [`${p}.attention.output.dense.bias`, [H]],
      [`${p}.attention.output.LayerNorm.weight`, [H]],
      [`${p}.attention.output.LayerNorm.bias`, [H]],
      [`${p}.intermediate.dense.weight`, G === 1 ? [I, H] : [G, H / G, I / G]],
      [`${p}.intermediate.dense.bias`, [I]],
      [`${p}.output.dense.weight`, G === 1 ? [H, I] : [G, I / G, H / G]],
      [`${p}.output.dense.bias`, [H]],
      [`${p}.output.LayerNorm.weight`, [H]],
      [`${p}.output.LayerNorm.bias`, [H]],
    );
  }
  return s;
}

/** The base shape with random weights (normal-ish, std 0.02; LayerNorm weight 1), seeded. */
export function writeBase(dir, seed = 11) {
  mkdirSync(dir, { recursive: true });
  const config = presetConfig('YituTech/conv-bert-base');
  const next = rng(seed);
  const tensors = convBertShapes(config).map(([name, shape]) => {
    const data = new Float32Array(shape.reduce((a, b) => a * b, 1));
    const isLnWeight = /LayerNorm\.weight$/.test(name);
    for (let i = 0; i < data.length; i++) data[i] = isLnWeight ? 1 : (next() + next() + next() - 1.5) * 0.04;
    return [name, { dtype: 'F32', shape, data }];
  });
  writeFileSync(join(dir, 'model.safetensors'), writeSafetensors(new Map(tensors)));
  const json = { ...JSON.parse(readFileSync(join(SHARED_MEDIUM_SMALL, 'config.json'), 'utf8')) };
  for (const key of ['hidden_size', 'embedding_size', 'num_hidden_layers', 'num_attention_heads', 'intermediate_size', 'num_groups'])
    json[key] = config[key];
  writeFileSync(join(dir, 'config.json'), JSON.stringify(json, null, 2));
  for (const f of TOKENIZER_FILES) copyFileSync(join(SHARED_MEDIUM_SMALL, f), join(dir, f));
  return dir;
}

export function ensure(dir, write) {
  if (!existsSync(join(dir, 'model.safetensors'))) write(dir);
  return dir;
}

/**
 * A transformers.js folder (`config.json`, tokenizer files, `onnx/model.onnx`) holding the
 * reference-shaped graph of a checkpoint (`REFERENCE_BLOCKS`: every block as the reference writes
 * it, as a torch export has it) — the baseline where no torch export of the weights exists.
 */
export function writeReferenceShapedExport(checkpointDir, exportDir) {
  mkdirSync(join(exportDir, 'onnx'), { recursive: true });
  const config = parseConfig(readFileSync(join(checkpointDir, 'config.json'), 'utf8'));
  const weights = readSafetensors(new Uint8Array(readFileSync(join(checkpointDir, 'model.safetensors'))));
  writeFileSync(join(exportDir, 'onnx', 'model.onnx'), buildConvBertEncoder(config, weights, { blocks: REFERENCE_BLOCKS }));
  for (const f of ['config.json', ...TOKENIZER_FILES]) copyFileSync(join(checkpointDir, f), join(exportDir, f));
  return exportDir;
}
