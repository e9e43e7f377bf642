// @convbert/web vs transformers.js 4.3.1 in headless Chromium (onnxruntime-web, wasm), side by side
// in one browser: each contender in a page of its own, calls alternated contender by contender,
// medians, quartiles and minimum printed (the machine is shared: the load average is printed too).
// Model: the shared medium-small (../shared/bench): transformers.js runs its torch export as is,
// ours its weights written out as the Hugging Face checkpoint (so both run identical weights).
// Model calls on fixed token ids: tokenising is not timed.
//   pnpm --filter @convbert/web bench                 every part
//   node bench/browser.bench.mjs profile|session|variants|latency|first   some parts
//   node bench/browser.bench.mjs trace     where the page's thread goes in one cold load and its revisit
// BENCH_THREADS=n (default 1) wasm threads for both; BENCH_ROUNDS scales the rounds;
// CONVBERT_SHARED=<folder holding bench/medium-small> when the repository is not beside `shared/`
// (e.g. CONVBERT_SHARED=/work/shared in a worktree under /work/wt);
// BENCH_PROFILE="B,L" and BENCH_PROFILE_GRAPHS="fused,reference,…" set what `profile` profiles;
// BENCH_VARIANTS="fused,reference,…" the graphs `variants` times (any `<name>.onnx` in the graphs folder);
// BENCH_OFF_THE_RECORD=1 runs `first` in Playwright's off-the-record contexts (no compiled-code cache);
// BENCH_BASELINE=<checkout>/packages/web adds that checkout's built package as a third contender
// ("before"), e.g. BENCH_BASELINE=/work/main/packages/web.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { ensure, SHARED_MEDIUM_SMALL, writeMediumSmall } from '../../node/bench/lib/checkpoints.mjs';
import { buildPages, ORT_DIST, TJS_ORT_DIST } from './lib/pages.mjs';
import { parseTrace, profileByOp } from './lib/profile.mjs';
import { serve } from './lib/serve.mjs';
import { summariseTrace, TRACE_CATEGORIES, threadsBusy } from './lib/trace.mjs';
import { buildVariants, VARIANTS } from './lib/variants.mjs';

const threads = Number(process.env.BENCH_THREADS ?? 1);
const roundsScale = Number(process.env.BENCH_ROUNDS ?? 1);
const parts = process.argv.slice(2).length ? process.argv.slice(2) : ['profile', 'session', 'variants', 'latency', 'first'];
const work = fileURLToPath(new URL('../.artifacts/browser-bench/', import.meta.url));
const checkpoint = ensure(join(work, 'medium-small'), writeMediumSmall);
const graphs = join(work, 'graphs');
const baseline = process.env.BENCH_BASELINE;
const pages = await buildPages(join(work, 'pages'), baseline);

const server = await serve({
  '/ort/': ORT_DIST,
  '/ort-tjs/': TJS_ORT_DIST,
  // transformers.js's local model path: `/models/medium-small/…`
  '/models/medium-small/': SHARED_MEDIUM_SMALL,
  '/ours/medium-small/': checkpoint,
  '/graphs/': graphs,
  '/': pages,
});
const LAUNCH = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
};
const browser = await chromium.launch(LAUNCH);

/**
 * A visitor's browser profile with nothing in it. Playwright's `newContext()` is off the record,
 * and Chromium keeps no compiled-code cache there (V8 recompiles ONNX Runtime's wasm on every
 * revisit); a real visitor's profile keeps it, so `first` runs in a fresh on-disk profile
 * (BENCH_OFF_THE_RECORD=1: Playwright's off-the-record context instead).
 */
async function freshContext() {
  if (process.env.BENCH_OFF_THE_RECORD) return browser.newContext();
  const dir = mkdtempSync(join(tmpdir(), 'convbert-bench-profile-'));
  const context = await chromium.launchPersistentContext(dir, LAUNCH);
  const close = context.close.bind(context);
  context.close = async () => {
    await close();
    rmSync(dir, { recursive: true, force: true });
  };
  return context;
}

/** What a contender's page loads for its first result: ours from the checkpoint with the graph cache on. */
const firstResultArgs = (name) => (name !== 'tjs' ? ['/ours/medium-small/', { graphCache: true }] : ['medium-small', {}]);

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const quantile = (xs, q) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))];
const load = () =>
  loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');
const stats = (ms) =>
  `${median(ms).toFixed(1)} | ${quantile(ms, 0.25).toFixed(1)}–${quantile(ms, 0.75).toFixed(1)} | ${Math.min(...ms).toFixed(1)}`;

/** A page of one contender (`ours` / `tjs`), its console kept (ORT prints its profile there). */
async function openPage(name, context) {
  const page = await (context ?? browser).newPage();
  const consoleLines = [];
  page.on('console', (m) => consoleLines.push(m.text()));
  page.on('pageerror', (e) => consoleLines.push(`pageerror: ${e.message}`));
  await page.goto(`${server.origin}/${name}.html?threads=${threads}`);
  await page.waitForFunction(() => window.bench !== undefined, null, { timeout: 60_000 });
  if (!(await page.evaluate(() => window.bench.crossOriginIsolated))) throw new Error(`${name}: the page is not cross-origin isolated`);
  return { page, consoleLines };
}

function maxAbsDiff(a64, b64) {
  const a = new Float32Array(Buffer.from(a64, 'base64').buffer.slice(0));
  const b = new Float32Array(Buffer.from(b64, 'base64').buffer.slice(0));
  if (a.length !== b.length) return Infinity;
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

/** Alternates `contenders` ([label, page, id]) call by call at B × L: a warm-up call each, then `rounds` rounds. */
async function alternate(contenders, B, L, rounds) {
  const outputs = [];
  for (const [, page, id] of contenders)
    outputs.push((await page.evaluate(([i, b, l]) => window.bench.run(i, b, l, true), [id, B, L])).output);
  const ms = contenders.map(() => []);
  for (let r = 0; r < rounds; r++)
    for (const [i, [, page, id]] of contenders.entries())
      ms[i].push((await page.evaluate(([x, b, l]) => window.bench.run(x, b, l), [id, B, L])).ms);
  return contenders.map(([label], i) => ({ label, ms: ms[i], output: outputs[i] }));
}

function printRows(title, rows) {
  const ref = rows.at(-1);
  console.log(`\n${title} (load average ${load()})`);
  console.log(`| contender | median ms | p25–p75 | min | max abs diff vs ${ref.label} | median vs ${ref.label} |`);
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const r of rows) {
    const diff = maxAbsDiff(r.output, ref.output);
    console.log(`| ${r.label} | ${stats(r.ms)} | ${diff.toExponential(1)} | ${(median(r.ms) / median(ref.ms)).toFixed(2)} |`);
  }
}

const SHAPES = [
  [1, 16, 40],
  [1, 128, 16],
  [8, 128, 5],
];

console.log(`Chromium ${browser.version()}, wasm, ${threads} thread(s); load average ${load()}`);
try {
  if (['profile', 'variants', 'session'].some((p) => parts.includes(p))) await buildVariants(checkpoint, graphs);

  if (parts.includes('profile')) {
    // ORT's own profile at 1 × 16: each node's time is its fastest of the runs (a preempted run
    // would otherwise dominate), summed per operator type; the calls' wall times beside it.
    const { page, consoleLines } = await openPage('ours');
    // BENCH_PROFILE="B,L" another shape; BENCH_PROFILE_GRAPHS="fused,reference" other variants.
    const [PB, PL] = (process.env.BENCH_PROFILE ?? '1,16').split(',').map(Number);
    const picked = process.env.BENCH_PROFILE_GRAPHS?.split(',').map((v) => `/graphs/${v}.onnx`);
    const urls = picked ?? ['/graphs/fused.onnx', '/models/medium-small/onnx/model.onnx'];
    await page.evaluate((u) => window.bench.startProfiles(u), urls);
    await page.evaluate(
      ([b, l, r]) => window.bench.profileRounds(b, l, r),
      [PB, PL, Math.max(3, Math.round((20 * roundsScale * 16) / (PB * PL)) + 2)],
    );
    for (const [i, url] of urls.entries()) {
      consoleLines.length = 0;
      await page.evaluate((x) => window.bench.endProfile(x), i);
      const p = profileByOp(parseTrace(consoleLines));
      console.log(
        `\nprofile of ${url} at ${PB} × ${PL} (${p.runs} runs; call median ${p.runMs.toFixed(1)} ms, min ${p.minRunMs.toFixed(1)} ms; ${p.nodeCount} nodes, fastest-run kernel sum ${p.kernelMs.toFixed(1)} ms)`,
      );
      console.log('| op | nodes | ms | share |');
      console.log('| --- | --- | --- | --- |');
      for (const o of p.ops.filter((x) => x.share >= 0.005))
        console.log(`| ${o.op} | ${o.nodes} | ${o.ms.toFixed(2)} | ${(o.share * 100).toFixed(1)}% |`);
    }
    await page.close();
  }

  if (parts.includes('session')) {
    // Session creation (what a first result waits for after the download): ONNX Runtime's
    // graph optimization levels alternated on the fused graph and on transformers.js's export.
    const { page } = await openPage('ours');
    const levels = ['disabled', 'basic', 'extended', 'all'];
    const graphsTimed = ['/graphs/fused.onnx', '/models/medium-small/onnx/model.onnx'];
    const ms = new Map();
    for (let r = 0; r < Math.max(2, Math.round(3 * roundsScale)); r++)
      for (const g of graphsTimed)
        for (const level of levels) {
          const [t] = await page.evaluate(([u, l]) => window.bench.ortSessionMs(u, 1, { graphOptimizationLevel: l }), [g, level]);
          ms.set(`${g} ${level}`, [...(ms.get(`${g} ${level}`) ?? []), t]);
        }
    console.log(`\nsession creation, wasm ${threads} thread(s) (load average ${load()})`);
    console.log('| graph | graphOptimizationLevel | median ms | p25–p75 | min |');
    console.log('| --- | --- | --- | --- | --- |');
    for (const [k, v] of ms) console.log(`| ${k.split(' ')[0]} | ${k.split(' ')[1]} | ${stats(v)} |`);
    await page.close();
  }

  if (parts.includes('variants')) {
    const { page } = await openPage('ours');
    const run = process.env.BENCH_VARIANTS?.split(',') ?? VARIANTS;
    for (const v of run) await page.evaluate(([id, url]) => window.bench.loadGraph(id, url), [v, `/graphs/${v}.onnx`]);
    for (const [B, L, R] of SHAPES) {
      const rows = await alternate(
        run.map((v) => [v, page, v]),
        B,
        L,
        Math.max(3, Math.round(R * roundsScale)),
      );
      printRows(`graph variants, ${B} × ${L}, wasm ${threads} thread(s), through the package's backend`, rows);
    }
    await page.close();
  }

  if (parts.includes('trace')) {
    // One fresh context, ours then (BENCH_TRACE=tjs) transformers.js: a Chromium trace of the
    // cold load and of the revisit, summarised (the first result's steps printed beside it);
    // BENCH_TRACE_OUT=<folder> keeps the raw traces. Playwright traces only its own (off the
    // record) contexts, so this revisit compiles ONNX Runtime's wasm again, unlike `first`'s.
    for (const name of (process.env.BENCH_TRACE ?? 'ours').split(',')) {
      const context = await browser.newContext();
      for (const visit of ['cold', 'revisit']) {
        const page = await context.newPage();
        await browser.startTracing(page, { categories: TRACE_CATEGORIES });
        await page.goto(`${server.origin}/${name}.html?threads=${threads}`);
        await page.waitForFunction(() => window.bench !== undefined, null, { timeout: 60_000 });
        const out = await page.evaluate(([u, o]) => window.bench.firstResult(u, o), firstResultArgs(name));
        const raw = await browser.stopTracing();
        if (process.env.BENCH_TRACE_OUT) writeFileSync(join(process.env.BENCH_TRACE_OUT, `${name}-${visit}.json`), raw);
        const trace = JSON.parse(raw.toString('utf8'));
        const { windows, top } = summariseTrace(trace);
        await page.close();
        console.log(`\n${name} ${visit}: first result at ${out.ms.toFixed(0)} ms (load average ${load()})`);
        console.log(`  steps: ${out.steps.map(([what, at]) => `${what} ${at}`).join(', ')}`);
        console.log(`  main thread busy per 500 ms: ${windows.map((ms) => ms.toFixed(0)).join(' ')}`);
        console.log('  | event | count | ms |\n  | --- | --- | --- |');
        for (const [event, { ms, count }] of top) console.log(`  | ${event} | ${count} | ${ms.toFixed(0)} |`);
        for (const t of threadsBusy(trace))
          console.log(`  thread ${t.thread}: tasks ${t.ms.toFixed(0)} ms, wasm compile ${t.wasm.toFixed(0)} ms`);
      }
      await context.close();
    }
  }

  if (parts.includes('latency')) {
    const ours = await openPage('ours');
    const tjs = await openPage('tjs');
    const base = baseline ? await openPage('base') : undefined;
    await ours.page.evaluate(() => window.bench.loadModel('ours', '/ours/medium-small/'));
    await ours.page.evaluate(() => window.bench.loadModel('ours-int8', '/ours/medium-small/', { dtype: 'int8' }));
    await base?.page.evaluate(() => window.bench.loadModel('ours', '/ours/medium-small/'));
    await tjs.page.evaluate(() => window.bench.loadModel('tjs', 'medium-small'));
    const contenders = [
      ['@convbert/web', ours.page, 'ours'],
      ['@convbert/web int8', ours.page, 'ours-int8'],
      ...(base ? [['@convbert/web before (BENCH_BASELINE)', base.page, 'ours']] : []),
      ['transformers.js 4.3.1', tjs.page, 'tjs'],
    ];
    for (const [B, L, R] of SHAPES) {
      const rows = await alternate(contenders, B, L, Math.max(3, Math.round(R * roundsScale)));
      printRows(`model call, ${B} × ${L}, wasm ${threads} thread(s)`, rows);
    }
    console.log(`\nruntimes: ours ${JSON.stringify(await ours.page.evaluate(() => window.bench.ortInfo()))}`);
    for (const c of [ours, tjs, base]) await c?.page.close();
  }

  if (parts.includes('first')) {
    // Time to first result: a fresh browser profile (empty HTTP cache, code cache, Cache Storage),
    // then a revisit in that profile (a new page: all three kept). Contenders alternated, `rounds`
    // fresh profiles each.
    const rounds = Math.max(2, Math.round(3 * roundsScale));
    const names = ['ours', ...(baseline ? ['base'] : []), 'tjs'];
    const label = { ours: '@convbert/web', base: '@convbert/web before', tjs: 'transformers.js 4.3.1' };
    const res = Object.fromEntries(names.map((n) => [n, { cold: [], revisit: [] }]));
    const bytes = {};
    const steps = {};
    for (let r = 0; r < rounds; r++)
      for (const name of names) {
        const context = await freshContext();
        for (const visit of ['cold', 'revisit']) {
          server.sent.clear();
          const { page } = await openPage(name, context);
          const out = await page.evaluate(([u, o]) => window.bench.firstResult(u, o), firstResultArgs(name));
          res[name][visit].push(out.ms);
          steps[`${name} ${visit}`] = out.steps;
          if (visit === 'cold') bytes[name] = [...server.sent.values()].reduce((a, b) => a + b, 0);
          await page.close();
        }
        await context.close();
      }
    console.log(
      `\ntime to first result (navigation → first feature-extraction result), ${rounds} fresh ${process.env.BENCH_OFF_THE_RECORD ? 'off-the-record contexts' : 'on-disk profiles'} each (load average ${load()})`,
    );
    console.log('| contender | visit | median ms | p25–p75 | min | bytes fetched (cold) | median vs transformers.js |');
    console.log('| --- | --- | --- | --- | --- | --- | --- |');
    for (const visit of ['cold', 'revisit'])
      for (const name of names)
        console.log(
          `| ${label[name]} | ${visit} | ${stats(res[name][visit])} | ${visit === 'cold' ? `${(bytes[name] / 1e6).toFixed(1)} MB` : ''} | ${(median(res[name][visit]) / median(res.tjs[visit])).toFixed(2)} |`,
        );
    console.log('\nloading steps of the last round (ms since navigation, when each ended):');
    for (const [k, v] of Object.entries(steps)) console.log(`  ${k}: ${v.map(([what, at]) => `${what} ${at}`).join(', ')}`);
  }
} finally {
  await browser.close();
  await server.close();
}
