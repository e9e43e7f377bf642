// Throughput of text-classification on the embedded SST-2 model, in-process vs a worker pool of
// 1 and 2 threads, on the 872 SST-2 dev sentences, measured side by side in one run, at two
// granularities: one sentence per call (message passing dominates) and 16 sentences per call.
// Run: pnpm --filter @convbert/node bench
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { createPool, pipeline } from '../dist/index.js';

const tsv = new URL('../../../fixtures/demo/convbert-mini-sst2/golden/sst2_dev.tsv', import.meta.url);
const texts = readFileSync(tsv, 'utf8')
  .split('\n')
  .slice(1)
  .filter(Boolean)
  .map((l) => l.split('\t')[1]);
const groups = [];
for (let i = 0; i < texts.length; i += 16) groups.push(texts.slice(i, i + 16));

/** Runs every call concurrently (the pool queues them); returns seconds and the labels in order. */
async function time(label, perCall, call) {
  const calls = perCall === 1 ? texts : groups;
  await Promise.all(calls.slice(0, 4).map(call)); // warm-up: every worker loads its model
  const t0 = performance.now();
  const out = await Promise.all(calls.map(call));
  const seconds = (performance.now() - t0) / 1000;
  // one text gives [{ label, score }], a list of texts one { label, score } per text (as the reference's pipeline)
  const labels = perCall === 1 ? out.map((r) => r[0].label) : out.flat().map((r) => r.label);
  return { label, perCall, seconds, labels };
}

const rows = [];
const local = await pipeline('text-classification', undefined, { intraOpNumThreads: 1 });
for (const perCall of [1, 16]) rows.push(await time('in-process, 1 ORT thread', perCall, (x) => local(x, { batchSize: 16 })));
await local.dispose();
for (const threads of [1, 2]) {
  const pool = createPool({ task: 'text-classification', threads });
  for (const perCall of [1, 16]) {
    rows.push(await time(`pool, ${threads} worker${threads > 1 ? 's' : ''}`, perCall, (x) => pool.run(x, { batchSize: 16 })));
  }
  await pool.destroy();
}
console.log(`text-classification, ${texts.length} SST-2 dev sentences (${availableParallelism()} cores)`);
console.log('| setup | sentences per call | seconds | sentences/s | vs in-process | same labels |');
console.log('| --- | --- | --- | --- | --- | --- |');
for (const r of rows) {
  const base = rows.find((b) => b.perCall === r.perCall);
  const same = r.labels.every((l, i) => l === base.labels[i]);
  console.log(
    `| ${r.label} | ${r.perCall} | ${r.seconds.toFixed(2)} | ${(texts.length / r.seconds).toFixed(0)} | ${(base.seconds / r.seconds).toFixed(2)}x | ${same ? 'yes' : 'NO'} |`,
  );
}
