#!/usr/bin/env node
// Writes the embedded default models (@convbert/models) (packages/models/models/) from the
// trained demonstration models in fixtures/demo: the same tensors stored as float16, half
// the size. The exactness tests use the float32 originals; the node tests check that these
// copies still give PyTorch's predictions.
import { copyFileSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { floatToHalf, readSafetensors, toFloat32, writeSafetensors } from '../../packages/core/dist/index.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const MODELS = ['convbert-mini-sst2', 'convbert-mini-mlm'];
const COPY = ['config.json', 'vocab.txt', 'tokenizer_config.json', 'special_tokens_map.json'];

for (const name of MODELS) {
  const from = join(root, 'fixtures/demo', name);
  const to = join(root, 'packages/models/models', name);
  mkdirSync(to, { recursive: true });
  const weights = readSafetensors(new Uint8Array(readFileSync(join(from, 'model.safetensors'))));
  const out = {};
  for (const key of weights.keys()) {
    const t = weights.get(key);
    const f32 = toFloat32(t);
    const half = new Uint16Array(f32.length);
    for (let i = 0; i < f32.length; i++) half[i] = floatToHalf(f32[i]);
    out[key] = { dtype: 'F16', shape: t.shape, data: half };
  }
  const bytes = writeSafetensors(out, { format: 'pt' });
  const tmp = join(to, 'model.safetensors.tmp');
  writeFileSync(tmp, bytes);
  renameSync(tmp, join(to, 'model.safetensors'));
  for (const f of COPY) copyFileSync(join(from, f), join(to, f));
  console.log(
    `${name}: ${Object.keys(out).length} tensors, ${(bytes.length / 2 ** 20).toFixed(1)} MB (float16) -> ${to.slice(root.length + 1)}`,
  );
}
