// Tokenizer throughput on the SQuAD texts of the fixtures (every context and question, single sequences
// with special tokens), one engine after another on one thread. Run: pnpm bench (builds dist first).
// Output ids are checked against ConvBertTokenizer's for every text before timing.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Tokenizer as HfTokenizer } from '@huggingface/tokenizers';
import { ConvBertTokenizer, ConvBertTokenizerFast, tokenizerOptionsFromConfig } from '../dist/index.js';

process.env.RAYON_NUM_THREADS ??= '1'; // keep the Rust binding's batch API single-threaded too

const here = dirname(fileURLToPath(import.meta.url));
const fixtures = join(here, '../../../fixtures');
const vocabText = readFileSync(join(fixtures, 'vocab/bert-base-uncased/vocab.txt'), 'utf8');
const tokenizerJsonText = readFileSync(join(fixtures, 'vocab/bert-base-uncased/tokenizer.json'), 'utf8');
const tokenizerJson = JSON.parse(tokenizerJsonText);
const configText = readFileSync(join(fixtures, 'tokenizer/tokenizer_files/tokenizer_config.json'), 'utf8');
const config = JSON.parse(configText);

const texts = [];
for (const line of readFileSync(join(fixtures, 'text/squad_v1.1_dev_subset.jsonl'), 'utf8').split('\n')) {
  if (!line.trim()) continue;
  const p = JSON.parse(line);
  texts.push(p.context);
  for (const qa of p.qas) texts.push(qa.question);
}
const MIN_MS = Number(process.env.BENCH_MIN_MS ?? 2000);

const slow = ConvBertTokenizer.fromVocab(vocabText, tokenizerOptionsFromConfig(config));
const fast = ConvBertTokenizerFast.fromJSON(tokenizerJson, config);
const hf = new HfTokenizer(tokenizerJson, config);

// transformers.js from local files only
const tf = await import('@huggingface/transformers');
const modelRoot = join(tmpdir(), 'convbert-tokenizer-bench');
mkdirSync(join(modelRoot, 'convbert-local'), { recursive: true });
writeFileSync(join(modelRoot, 'convbert-local', 'tokenizer.json'), tokenizerJsonText);
writeFileSync(join(modelRoot, 'convbert-local', 'tokenizer_config.json'), configText);
tf.env.allowRemoteModels = false;
tf.env.allowLocalModels = true;
tf.env.localModelPath = `${modelRoot}/`;
const tfTok = await tf.AutoTokenizer.from_pretrained('convbert-local', { local_files_only: true });

const rustMod = await import('tokenizers');
const rust = rustMod.Tokenizer.fromString(tokenizerJsonText);

const reference = texts.map((t) => slow.encode(t).inputIds);
const totalTokens = reference.reduce((n, ids) => n + ids.length, 0);

const engines = [
  { name: 'ConvBertTokenizer (this package, pure TS)', run: (t) => slow.encode(t).inputIds },
  { name: 'ConvBertTokenizerFast (this package, on @huggingface/tokenizers)', run: (t) => fast.encode(t).inputIds },
  { name: '@huggingface/tokenizers 0.2 alone (ids only)', run: (t) => hf.encode(t).ids },
  { name: 'transformers.js 4.3 tokenizer (ids only)', run: (t) => tfTok.encode(t) },
  { name: 'Rust tokenizers 0.23.2 via Node binding, encode()', run: (t) => rust.encode(t, null), async: true },
  { name: 'Rust tokenizers 0.23.2 via Node binding, encodeBatch()', batch: true },
];

function same(a, b) {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

async function idsOf(engine) {
  if (engine.batch) return (await rust.encodeBatch(texts)).map((e) => e.getIds());
  const out = [];
  for (const t of texts) {
    const r = engine.run(t);
    out.push(engine.async ? (await r).getIds() : r);
  }
  return out;
}

async function onePass(engine) {
  if (engine.batch) {
    await rust.encodeBatch(texts);
    return;
  }
  if (engine.async) {
    for (const t of texts) await engine.run(t);
    return;
  }
  for (const t of texts) engine.run(t);
}

// Engines take turns in short slices over several rounds and each keeps its best slice, so that load from
// other processes on the machine does not favour whichever engine ran in a quiet moment.
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const sliceMs = MIN_MS / ROUNDS;
const rows = [];
for (const engine of engines) {
  const ids = await idsOf(engine);
  const mismatches = ids.filter((x, i) => !same(Array.from(x), reference[i])).length;
  await onePass(engine); // warm-up
  rows.push({ name: engine.name, engine, best: 0, mismatches });
}
for (let round = 0; round < ROUNDS; round++) {
  for (const row of rows) {
    let passes = 0;
    const t0 = performance.now();
    let elapsed = 0;
    while (elapsed < sliceMs) {
      await onePass(row.engine);
      passes++;
      elapsed = performance.now() - t0;
    }
    row.best = Math.max(row.best, (passes * texts.length) / (elapsed / 1000));
  }
}
for (const row of rows) {
  row.textsPerS = row.best;
  row.tokensPerS = (row.best * totalTokens) / texts.length;
}

const base = rows.find((r) => r.name.startsWith('@huggingface/tokenizers')).textsPerS;
const mine = rows[0].textsPerS;
const fmt = (x) => Math.round(x).toLocaleString('en-US');
console.log(
  `\n${texts.length} SQuAD texts (${fmt(totalTokens)} tokens with [CLS]/[SEP]), Node ${process.version}, one thread, best of ${ROUNDS} interleaved slices of ${sliceMs} ms per engine\n`,
);
console.log('| engine | texts/s | tokens/s | vs @huggingface/tokenizers | ConvBertTokenizer vs it | ids differing |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
for (const r of rows) {
  console.log(
    `| ${r.name} | ${fmt(r.textsPerS)} | ${fmt(r.tokensPerS)} | ${(r.textsPerS / base).toFixed(2)}x | ${(mine / r.textsPerS).toFixed(2)}x | ${r.mismatches} / ${texts.length} |`,
  );
}
