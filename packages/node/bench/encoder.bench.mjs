// The encoder on the CPU, ours vs transformers.js 4.3.1 (both onnxruntime-node 1.30), side by
// side in one run, contenders alternated call by call, medians printed. Shapes: medium-small
// (the torch-exported ONNX in ../shared/bench, its initializers written out as the Hugging Face
// checkpoint, so both sides run identical weights) and base (random weights from a fixed seed; no
// torch export exists, so transformers.js runs our reference-shaped graph of them, `REFERENCE_BLOCKS`,
// which the medium-small rows show running like the torch export). A ratio is
// printed only when the outputs agree (≤ 1e-4 for float32); int8 rows report their agreement
// with float32 instead. Model calls on fixed token ids: tokenisation is not timed.
// Run: pnpm --filter @convbert/node bench   (BENCH_THREADS=n for n ORT threads, default 1)
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseConfig } from '@convbert/config';
import { GraphBuilder } from '@convbert/core/graph';
import * as ort from 'onnxruntime-node';
import { SHARED_MEDIUM_SMALL, TOKENIZER_FILES, writeBase, writeMediumSmall, writeReferenceShapedExport } from './lib/checkpoints.mjs';
import { alternate, batchOf, maxAbsDiff, meanCosine, median, ours, transformersJs } from './lib/contenders.mjs';
import { loadTable } from './lib/load-table.mjs';

const threads = Number(process.env.BENCH_THREADS ?? 1);
const work = mkdtempSync(join(tmpdir(), 'convbert-encoder-bench-'));
const cli = fileURLToPath(new URL('../dist/bin/convbert.js', import.meta.url));
const out = [];
const print = (line = '') => {
  out.push(line);
  console.log(line);
};

function flopsPerCall(config, B, L) {
  const { hidden_size: H, intermediate_size: I, conv_kernel_size: k, embedding_size: E, num_hidden_layers: N } = config;
  const { allHeadSize: A, numHeads: h } = config.derived;
  const perToken = H * 4 * A + H * k + H * A + A * h * k + 2 * L * A + k * A + H * H + (2 * H * I) / config.num_groups;
  return 2 * B * L * (N * perToken + (E !== H ? E * H : 0));
}

const ratioCell = (base, row, exact) => (exact ? `${(base.ms / row.ms).toFixed(2)}x` : 'outputs differ: no ratio');

/** Latency / throughput rows: each contender vs the last one (transformers.js). */
function table(title, results, config, B, L) {
  const ref = results.at(-1);
  print(`\n${title}`);
  print('| engine | median ms | GFLOP/s | max abs diff vs transformers.js | vs transformers.js |');
  print('| --- | --- | --- | --- | --- |');
  for (const r of results) {
    const diff = maxAbsDiff(r.output, ref.output);
    const gflops = flopsPerCall(config, B, L) / (r.ms * 1e6);
    print(`| ${r.label} | ${r.ms.toFixed(1)} | ${gflops.toFixed(1)} | ${diff.toExponential(1)} | ${ratioCell(ref, r, diff <= 1e-4)} |`);
  }
}

/** ONNX Runtime's own rate on one plain [M, K]·[K, N] float32 MatMul, for scale. */
async function plainMatMulRate(M, K, N) {
  const g = new GraphBuilder();
  const x = g.input('x', 'float32', [M, K]);
  const w = g.initializer('w', { dtype: 'float32', dims: [K, N], data: new Float32Array(K * N).map((_, i) => ((i % 13) - 6) / 10) });
  g.output('y', g.op('MatMul', [x, w]), 'float32', [M, N]);
  const s = await ort.InferenceSession.create(g.toBytes(), { intraOpNumThreads: threads });
  const feed = { x: new ort.Tensor('float32', new Float32Array(M * K).fill(0.5), [M, K]) };
  await s.run(feed);
  const times = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    await s.run(feed);
    times.push(performance.now() - t0);
  }
  await s.release();
  return (2 * M * K * N) / (median(times) * 1e6);
}

print(`# encoder bench: ${availableParallelism()} cores (shared), ${threads} ORT thread(s), onnxruntime-node 1.30, medians`);
print(`ONNX Runtime plain MatMul [4096, 384]·[384, 1536]: ${(await plainMatMulRate(4096, 384, 1536)).toFixed(1)} GFLOP/s`);

// ---- medium-small: latency and throughput, fp32 and int8
const ms = writeMediumSmall(join(work, 'medium-small'));
const msConfig = parseConfig(readFileSync(join(ms, 'config.json'), 'utf8'));
const referenceShaped = join(work, 'reference-shaped');
writeReferenceShapedExport(ms, join(referenceShaped, 'medium-small'));
{
  const contenders = [
    await ours('ours, fused graph from model.safetensors', ms, { intraOpNumThreads: threads }),
    await ours('ours, torch onnx/model.onnx', SHARED_MEDIUM_SMALL, { intraOpNumThreads: threads, format: 'onnx' }),
    await transformersJs('transformers.js 4.3.1, our reference-shaped graph', referenceShaped, 'medium-small', threads),
    await transformersJs('transformers.js 4.3.1, torch onnx/model.onnx', join(SHARED_MEDIUM_SMALL, '..'), 'medium-small', threads),
  ];
  for (const [L, reps] of [
    [16, 60],
    [128, 20],
    [512, 8],
  ]) {
    table(`medium-small, fp32, batch 1, ${L} tokens (latency)`, await alternate(contenders, batchOf(1, L), reps), msConfig, 1, L);
  }
  table('medium-small, fp32, batch 32 x 128 tokens (throughput)', await alternate(contenders, batchOf(32, 128), 5), msConfig, 32, 128);
  for (const c of contenders) await c.dispose();
}

/** int8 vs fp32 of ours: speed ratio and agreement (mean cosine of token vectors, max abs diff). */
async function quantizedTable(title, dir, config, batch, reps) {
  const contenders = [];
  for (const dtype of ['fp32', 'int8', 'uint8']) contenders.push(await ours(`ours ${dtype}`, dir, { intraOpNumThreads: threads, dtype }));
  const results = await alternate(contenders, batch, reps);
  const fp32 = results[0];
  print(`\n${title}`);
  print('| ours | median ms | vs ours fp32 | mean cosine to fp32 | max abs diff to fp32 |');
  print('| --- | --- | --- | --- | --- |');
  for (const r of results) {
    print(
      `| ${r.label} | ${r.ms.toFixed(1)} | ${(fp32.ms / r.ms).toFixed(2)}x | ${meanCosine(r.output, fp32.output, config.hidden_size).toFixed(5)} | ${maxAbsDiff(r.output, fp32.output).toExponential(1)} |`,
    );
  }
  for (const c of contenders) await c.dispose();
}
await quantizedTable('medium-small, int8 vs fp32, batch 32 x 128 tokens', ms, msConfig, batchOf(32, 128), 5);
await quantizedTable('medium-small, int8 vs fp32, batch 1 x 128 tokens', ms, msConfig, batchOf(1, 128), 20);
print('(int8 on trained weights: labels vs PyTorch float32 are asserted in test/quantized.test.ts)');

// ---- base: throughput fp32 (vs transformers.js on our export) and int8, then loading
const base = writeBase(join(work, 'base'));
const baseConfig = parseConfig(readFileSync(join(base, 'config.json'), 'utf8'));
const exportRoot = join(work, 'export');
const baseExport = join(exportRoot, 'base');
mkdirSync(exportRoot, { recursive: true });
execFileSync(process.execPath, [cli, 'convert', base, baseExport, '--dtype', 'fp32'], { stdio: 'ignore' });
for (const f of TOKENIZER_FILES) copyFileSync(join(base, f), join(baseExport, f));
writeReferenceShapedExport(base, join(referenceShaped, 'base'));
{
  const contenders = [
    await ours('ours, fused graph from model.safetensors', base, { intraOpNumThreads: threads }),
    await transformersJs('transformers.js 4.3.1, our reference-shaped graph', referenceShaped, 'base', threads),
  ];
  table('base, fp32, batch 1, 128 tokens (latency)', await alternate(contenders, batchOf(1, 128), 8), baseConfig, 1, 128);
  table('base, fp32, batch 32 x 64 tokens (throughput)', await alternate(contenders, batchOf(32, 64), 3), baseConfig, 32, 64);
  for (const c of contenders) await c.dispose();
}
await quantizedTable('base, int8 vs fp32, batch 32 x 64 tokens', base, baseConfig, batchOf(32, 64), 3);

print(loadTable(base, baseExport, join(work, 'graph-cache')));
rmSync(work, { recursive: true, force: true });
