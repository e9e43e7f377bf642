// Fill-mask post-processing vs the model call it follows (demo convbert-mini-mlm, one sentence
// per call, CPU, 1 ORT thread): the top-k over the vocabulary must never cost more than the model.
// "sorting the vocabulary" is the previous post-processing (softmax array + full sort), for scale.
// Run: pnpm --filter @convbert/node bench
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { fillMaskPostprocess } from '@convbert/heads';
import { ConvBertForMaskedLM } from '../dist/index.js';
import { median } from './lib/contenders.mjs';

const dir = fileURLToPath(new URL('../../../fixtures/demo/convbert-mini-mlm/', import.meta.url));
const cases = JSON.parse(readFileSync(join(dir, 'golden/fill_mask.json'), 'utf8')).cases;
const vocab = readFileSync(join(dir, 'vocab.txt'), 'utf8').split('\n');
const tokenizer = { maskTokenId: 103, padTokenId: 0, decode: (xs) => Array.from(xs, (i) => vocab[i]).join(' ') };
const model = await ConvBertForMaskedLM.fromPretrained(dir, { graphCache: false, intraOpNumThreads: 1 });
const V = model.config.vocab_size;

function sortingTheVocabulary(logits, pos, topK) {
  const row = logits.subarray(pos * V, (pos + 1) * V);
  let max = Number.NEGATIVE_INFINITY;
  for (const x of row) max = Math.max(max, x);
  const probs = Array.from(row, (x) => Math.exp(x - max));
  const sum = probs.reduce((a, b) => a + b, 0);
  for (let i = 0; i < V; i++) probs[i] /= sum;
  const idx = Array.from({ length: V }, (_, i) => i);
  idx.sort((a, b) => probs[b] - probs[a] || a - b);
  return idx.slice(0, topK);
}

const timeIt = (reps, fn) => {
  const t = [];
  for (let r = 0; r < reps; r++) {
    const t0 = performance.now();
    fn();
    t.push(performance.now() - t0);
  }
  return median(t);
};

const modelMs = [];
const postMs = [];
const sortMs = [];
for (const c of cases) {
  const dims = [1, c.input_ids.length];
  const feeds = { inputIds: { data: BigInt64Array.from(c.input_ids, BigInt), dims } };
  await model.forward(feeds);
  const t = [];
  let logits;
  for (let r = 0; r < 15; r++) {
    const t0 = performance.now();
    logits = (await model.forward(feeds)).logits.data;
    t.push(performance.now() - t0);
  }
  modelMs.push(median(t));
  const args = { inputIds: c.input_ids, logits, vocabSize: V, topK: 5, tokenizer };
  const [preds] = fillMaskPostprocess(args);
  if (preds[0].token !== c.top10_ids[0]) throw new Error(`"${c.text}": top-1 ${preds[0].token}, PyTorch ${c.top10_ids[0]}`);
  postMs.push(timeIt(30, () => fillMaskPostprocess(args)));
  sortMs.push(timeIt(10, () => sortingTheVocabulary(logits, c.mask_index, 5)));
}
await model.dispose();
console.log(`fill-mask, ${cases.length} sentences (vocab ${V}), top 5, medians per sentence then over sentences`);
console.log('| step | ms | vs model call |');
console.log('| --- | --- | --- |');
const m = median(modelMs);
for (const [label, xs] of [
  ['model call (ConvBertForMaskedLM.forward)', modelMs],
  ['post-processing (heap top-k)', postMs],
  ['post-processing sorting the vocabulary (before)', sortMs],
]) {
  console.log(`| ${label} | ${median(xs).toFixed(2)} | ${(median(xs) / m).toFixed(2)}x |`);
}
