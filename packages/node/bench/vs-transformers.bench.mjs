// Text classification on the SST-2 dev set (872 sentences, one per call, CPU) — ours vs
// transformers.js (@huggingface/transformers, the general-purpose JavaScript runtime), both on
// onnxruntime-node 1.30, side by side in one run. transformers.js needs an ONNX export and a
// tokenizer.json: it gets ours (`convbert convert` of the float32 checkpoint, which writes both).
// Labels are checked equal across all engines.
// Run: pnpm --filter @convbert/node bench
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { env, pipeline as hfPipeline } from '@huggingface/transformers';
import { pipeline } from '../dist/index.js';

const fixtures = fileURLToPath(new URL('../../../fixtures/', import.meta.url));
const checkpoint = join(fixtures, 'demo/convbert-mini-sst2');
const texts = readFileSync(join(checkpoint, 'golden/sst2_dev.tsv'), 'utf8')
  .split('\n')
  .slice(1)
  .filter(Boolean)
  .map((l) => l.split('\t')[1]);

const work = mkdtempSync(join(tmpdir(), 'convbert-bench-'));
const exportDir = join(work, 'sst2-onnx');
execFileSync(process.execPath, [fileURLToPath(new URL('../dist/bin/convbert.js', import.meta.url)), 'convert', checkpoint, exportDir], {
  stdio: 'ignore',
});

async function measure(label, classify) {
  for (const t of texts.slice(0, 20)) await classify(t); // warm-up
  const t0 = performance.now();
  const labels = [];
  for (const t of texts) labels.push(await classify(t));
  const s = (performance.now() - t0) / 1000;
  return { label, s, labels };
}

const rows = [];
{
  const clf = await pipeline('text-classification', checkpoint, { intraOpNumThreads: 1, graphCache: false });
  rows.push(await measure('@convbert/node, graph built from model.safetensors', async (t) => (await clf(t))[0].label));
  await clf.dispose();
}
{
  const clf = await pipeline('text-classification', exportDir, { intraOpNumThreads: 1, useFast: false });
  rows.push(await measure('@convbert/node, onnx/model.onnx + ConvBertTokenizer', async (t) => (await clf(t))[0].label));
  await clf.dispose();
}
{
  const clf = await pipeline('text-classification', exportDir, { intraOpNumThreads: 1 });
  rows.push(await measure('@convbert/node, onnx/model.onnx + ConvBertTokenizerFast', async (t) => (await clf(t))[0].label));
  await clf.dispose();
}
{
  env.allowRemoteModels = false;
  env.localModelPath = work;
  const clf = await hfPipeline('text-classification', 'sst2-onnx', { dtype: 'fp32', session_options: { intraOpNumThreads: 1 } });
  rows.push(await measure('transformers.js 4.3.1, same onnx/model.onnx', async (t) => (await clf(t))[0].label));
  await clf.dispose?.();
}
rmSync(work, { recursive: true, force: true });

const ref = rows.at(-1);
console.log(`text-classification, ${texts.length} SST-2 dev sentences one at a time, CPU, 1 ORT thread`);
console.log('| engine | seconds | sentences/s | vs transformers.js | labels equal to transformers.js |');
console.log('| --- | --- | --- | --- | --- |');
for (const r of rows) {
  const same = r.labels.filter((l, i) => l === ref.labels[i]).length;
  console.log(
    `| ${r.label} | ${r.s.toFixed(2)} | ${(texts.length / r.s).toFixed(0)} | ${(ref.s / r.s).toFixed(2)}x | ${same}/${texts.length} |`,
  );
}
