// Throughput of text-classification on the embedded SST-2 model: in-process vs a worker pool
// of 1 and 2 threads, on the 872 SST-2 dev sentences, measured side by side in one run.
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

async function time(label, fn) {
  await fn(texts.slice(0, 16)); // warm-up
  const t0 = performance.now();
  const out = await fn(texts);
  const s = (performance.now() - t0) / 1000;
  return { label, seconds: s, perSecond: texts.length / s, labels: out.map((r) => r[0].label) };
}

const rows = [];
const local = await pipeline('text-classification', undefined, { intraOpNumThreads: 1 });
rows.push(await time('in-process, 1 ORT thread', (xs) => Promise.all(xs.map((t) => local(t)))));
await local.dispose();
for (const threads of [1, 2]) {
  const pool = createPool({ task: 'text-classification', threads });
  rows.push(await time(`pool, ${threads} worker${threads > 1 ? 's' : ''}`, (xs) => Promise.all(xs.map((t) => pool.run(t)))));
  await pool.destroy();
}
const base = rows[0];
console.log(`text-classification, ${texts.length} SST-2 dev sentences, one sentence per call (${availableParallelism()} cores)`);
console.log('| setup | seconds | sentences/s | vs in-process | same labels |');
console.log('| --- | --- | --- | --- | --- |');
for (const r of rows) {
  const same = r.labels.every((l, i) => l === base.labels[i]);
  console.log(
    `| ${r.label} | ${r.seconds.toFixed(2)} | ${r.perSecond.toFixed(0)} | ${(r.perSecond / base.perSecond).toFixed(2)}x | ${same ? 'yes' : 'NO'} |`,
  );
}
