// `convbert serve` under load: 200 text-classification requests (the first 200 SST-2 dev sentences,
// one per request) sent one after another vs all at once, on the embedded SST-2 model. Every answer
// must be identical to the one-at-a-time answer. Goal: concurrent ≥ 1.5× faster than sequential.
// Run: pnpm --filter @convbert/node bench   (or node bench/serve.bench.mjs)
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { isDeepStrictEqual } from 'node:util';
import { serve } from '../dist/index.js';

const N = 200;
const tsv = new URL('../../../fixtures/demo/convbert-mini-sst2/golden/sst2_dev.tsv', import.meta.url);
const texts = readFileSync(tsv, 'utf8')
  .split('\n')
  .slice(1)
  .filter(Boolean)
  .map((l) => l.split('\t')[1])
  .slice(0, N);

const ask = (url, text) =>
  fetch(`${url}/`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ inputs: text }) }).then(
    async (r) => {
      if (!r.ok) throw new Error(`${r.status} ${await r.text()}`);
      return r.json();
    },
  );

async function sequential(url) {
  const out = [];
  const t0 = performance.now();
  for (const t of texts) out.push(await ask(url, t));
  return { seconds: (performance.now() - t0) / 1000, out };
}

async function concurrent(url) {
  const t0 = performance.now();
  const out = await Promise.all(texts.map((t) => ask(url, t)));
  return { seconds: (performance.now() - t0) / 1000, out };
}

const rows = [];
let reference;
async function measure(label, options, how) {
  const server = await serve({ port: 0, ...options });
  await server.ready;
  await Promise.all(texts.slice(0, 8).map((t) => ask(server.url, t))); // warm-up
  const modelCalls = async () =>
    Number(
      (await (await fetch(`${server.url}/metrics`)).text()).match(/^convbert_batch_size_count\{model="convbert-mini-sst2"\} (\S+)/m)?.[1],
    );
  const before = await modelCalls();
  const r = await how(server.url);
  const calls = (await modelCalls()) - before;
  await server.close();
  reference ??= r.out;
  const identical = r.out.every((o, i) => isDeepStrictEqual(o, reference[i]));
  rows.push({ label, seconds: r.seconds, calls, identical });
}

// The baseline is the fastest one-at-a-time setup: no batching wait at all.
await measure('sequential, in-process, --max-wait-ms 0', { maxWaitMs: 0 }, sequential);
await measure('sequential, in-process, --max-wait-ms 5', { maxWaitMs: 5 }, sequential);
await measure('concurrent, in-process, --max-wait-ms 5', { maxWaitMs: 5 }, concurrent);
await measure('concurrent, --workers 1, --max-wait-ms 5', { maxWaitMs: 5, workers: 1 }, concurrent);
await measure('concurrent, --workers 2, --max-wait-ms 5', { maxWaitMs: 5, workers: 2 }, concurrent);

const base = rows[0].seconds;
console.log(`\nconvbert serve: ${N} text-classification requests (embedded SST-2 model, ${availableParallelism()} cores)\n`);
console.log('| setup | seconds | req/s | model calls | vs sequential | answers identical |');
console.log('|---|---:|---:|---:|---:|:---:|');
for (const r of rows) {
  console.log(
    `| ${r.label} | ${r.seconds.toFixed(2)} | ${(N / r.seconds).toFixed(0)} | ${r.calls} | ${(base / r.seconds).toFixed(2)}× | ${r.identical ? 'yes' : 'NO'} |`,
  );
}
const best = Math.max(...rows.slice(2).map((r) => base / r.seconds));
console.log(`\ngoal: concurrent ≥ 1.5× sequential — ${best >= 1.5 ? 'met' : 'NOT met'} (${best.toFixed(2)}×)`);
if (rows.some((r) => !r.identical)) {
  console.error('some answers differ from the one-at-a-time answers');
  process.exitCode = 1;
}
