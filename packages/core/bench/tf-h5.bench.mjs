// Loading a base-size tf_model.h5 (ConvBERT-base shapes, random weights from a fixed seed,
// generated once into a temp folder, never committed) next to the same weights as
// model.safetensors: time to read + map the weights, time to build the graph, and the peak RSS
// of each, every measurement in a fresh process.
//
//   pnpm --filter @convbert/core build && node packages/core/bench/tf-h5.bench.mjs [--dir DIR]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const dist = join(here, '../dist/index.js');
const args = process.argv.slice(2);
const dir = args.includes('--dir') ? args[args.indexOf('--dir') + 1] : join(tmpdir(), 'convbert-base-tf-bench');

// ConvBERT-base (YituTech/conv-bert-base)
const CONFIG = {
  architectures: ['ConvBertModel'],
  model_type: 'convbert',
  vocab_size: 30522,
  hidden_size: 768,
  embedding_size: 768,
  num_hidden_layers: 12,
  num_attention_heads: 12,
  head_ratio: 2,
  conv_kernel_size: 9,
  intermediate_size: 3072,
  num_groups: 1,
  max_position_embeddings: 512,
  type_vocab_size: 2,
  hidden_act: 'gelu',
  pad_token_id: 0,
};

/** TFConvBertModel's variables for CONFIG: [name, shape]. */
function variables() {
  const { vocab_size: V, hidden_size: H, embedding_size: E, num_hidden_layers: N, intermediate_size: I } = CONFIG;
  const heads = Math.max(1, Math.floor(CONFIG.num_attention_heads / CONFIG.head_ratio));
  const A = heads * Math.floor(H / heads / 2);
  const k = CONFIG.conv_kernel_size;
  const p = 'tf_conv_bert_model/convbert/';
  const v = [
    [`${p}embeddings/word_embeddings/weight:0`, [V, E]],
    [`${p}embeddings/token_type_embeddings/embeddings:0`, [2, E]],
    [`${p}embeddings/position_embeddings/embeddings:0`, [CONFIG.max_position_embeddings, E]],
    [`${p}embeddings/LayerNorm/gamma:0`, [E]],
    [`${p}embeddings/LayerNorm/beta:0`, [E]],
  ];
  for (let i = 0; i < N; i++) {
    const l = `${p}encoder/layer_._${i}/`;
    for (const n of ['query', 'key', 'value'])
      v.push([`${l}attention/self/${n}/kernel:0`, [H, A]], [`${l}attention/self/${n}/bias:0`, [A]]);
    v.push(
      [`${l}attention/self/key_conv_attn_layer/depthwise_kernel:0`, [k, H, 1]],
      [`${l}attention/self/key_conv_attn_layer/pointwise_kernel:0`, [1, H, A]],
      [`${l}attention/self/key_conv_attn_layer/bias:0`, [A]],
      [`${l}attention/self/conv_kernel_layer/kernel:0`, [A, heads * k]],
      [`${l}attention/self/conv_kernel_layer/bias:0`, [heads * k]],
      [`${l}attention/self/conv_out_layer/kernel:0`, [H, A]],
      [`${l}attention/self/conv_out_layer/bias:0`, [A]],
      [`${l}attention/output/dense/kernel:0`, [H, H]],
      [`${l}attention/output/dense/bias:0`, [H]],
      [`${l}attention/output/LayerNorm/gamma:0`, [H]],
      [`${l}attention/output/LayerNorm/beta:0`, [H]],
      [`${l}intermediate/dense/kernel:0`, [H, I]],
      [`${l}intermediate/dense/bias:0`, [I]],
      [`${l}output/dense/kernel:0`, [I, H]],
      [`${l}output/dense/bias:0`, [H]],
      [`${l}output/LayerNorm/gamma:0`, [H]],
      [`${l}output/LayerNorm/beta:0`, [H]],
    );
  }
  return v;
}

/** mulberry32: a fixed-seed stream of normal-ish values (sum of uniforms) scaled by 0.02. */
function random(seed) {
  let a = seed >>> 0;
  const u = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return (n) => Float32Array.from({ length: n }, () => (u() + u() + u() - 1.5) * 0.04);
}

async function generate() {
  const { default: h5wasm } = await import('h5wasm/node');
  const { writeSafetensors, TF_FILE } = await import(dist);
  const { readTfH5 } = await import(join(here, '../dist/weights/tf-h5.js'));
  await h5wasm.ready;
  mkdirSync(dir, { recursive: true });
  const values = random(13);
  const f = new h5wasm.File(join(dir, TF_FILE), 'w');
  const g = f.create_group('convbert');
  const vars = variables();
  g.create_attribute(
    'weight_names',
    vars.map(([n]) => n),
    [vars.length],
    `A${Math.max(...vars.map(([n]) => n.length))}`,
  );
  f.create_attribute('layer_names', ['convbert'], [1], 'A8');
  f.create_attribute('backend', 'tensorflow');
  f.create_attribute('keras_version', '2.15.0');
  for (const [name, shape] of vars) {
    const parts = name.split('/');
    let parent = g;
    for (const p of parts.slice(0, -1)) parent = parent.get(p) ?? parent.create_group(p);
    parent.create_dataset({ name: parts.at(-1), data: values(shape.reduce((a, b) => a * b, 1)), shape, dtype: '<f' });
  }
  f.close();
  writeFileSync(join(dir, 'config.json'), JSON.stringify(CONFIG, null, 2));
  // the same weights in PyTorch names and layouts, through the reader under test (checked bit for bit
  // against the reference converter on the fixtures)
  const sd = readTfH5(new Uint8Array(readFileSync(join(dir, TF_FILE))));
  const tensors = Object.fromEntries(sd.keys().map((k) => [k, { dtype: 'F32', shape: sd.get(k).shape, data: sd.get(k).data }]));
  writeFileSync(join(dir, 'model.safetensors'), writeSafetensors(tensors, { format: 'pt' }));
}

/** Child: read + map one weights file, then build the encoder graph; print timings and peak RSS. */
async function measure(file) {
  const { readWeightsFile, buildConvBertEncoder } = await import(dist);
  const { parseConfig } = await import('@convbert/config');
  const t0 = performance.now();
  const bytes = new Uint8Array(readFileSync(join(dir, file)));
  const t1 = performance.now();
  const weights = await readWeightsFile(file, bytes);
  const t2 = performance.now();
  const graph = buildConvBertEncoder(parseConfig(readFileSync(join(dir, 'config.json'), 'utf8')), weights);
  const t3 = performance.now();
  const rssMB = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(
    JSON.stringify({
      file,
      fileMB: bytes.byteLength / 2 ** 20,
      readMs: t1 - t0,
      parseMs: t2 - t1,
      buildMs: t3 - t2,
      graphMB: graph.byteLength / 2 ** 20,
      rssMB,
    }),
  );
}

/** Child: the alternative library, h5wasm (HDF5 in wasm), reading every weight with `.value` (no graph). */
async function measureH5wasm() {
  const { default: h5wasm } = await import('h5wasm/node');
  await h5wasm.ready;
  const t0 = performance.now();
  const f = new h5wasm.File(join(dir, 'tf_model.h5'), 'r');
  const g = f.get('convbert');
  const kept = [];
  for (const name of g.attrs.weight_names.value) kept.push(g.get(name).value);
  const t1 = performance.now();
  f.close();
  const rssMB = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(
    JSON.stringify({
      file: 'h5wasm .value',
      fileMB: kept.reduce((a, v) => a + v.byteLength, 0) / 2 ** 20,
      readMs: 0,
      parseMs: t1 - t0,
      buildMs: 0,
      graphMB: 0,
      rssMB,
    }),
  );
}

if (args[0] === '--measure') {
  await (args[1] === 'h5wasm' ? measureH5wasm() : measure(args[1]));
} else {
  if (!existsSync(join(dir, 'tf_model.h5')) || !existsSync(join(dir, 'model.safetensors'))) {
    process.stderr.write(`generating ConvBERT-base weights (seed 13) in ${dir} ...\n`);
    await generate();
  }
  const rows = ['tf_model.h5', 'model.safetensors', 'h5wasm'].map((file) => {
    const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--measure', file, '--dir', dir], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    return JSON.parse(r.stdout);
  });
  const [tf, st, h5] = rows;
  console.log('ConvBERT-base weights, each in a fresh process (read file, parse + map, build fp32 graph):');
  console.log('file               size MB  read ms  parse ms  build ms  graph MB  peak RSS MB');
  for (const r of rows) {
    console.log(
      `${r.file.padEnd(18)} ${r.fileMB.toFixed(0).padStart(7)}  ${r.readMs.toFixed(0).padStart(7)}  ${r.parseMs.toFixed(0).padStart(8)}  ${r.buildMs.toFixed(0).padStart(8)}  ${r.graphMB.toFixed(0).padStart(8)}  ${r.rssMB.toFixed(0).padStart(11)}`,
    );
  }
  console.log(
    `(h5wasm row: the same file read with h5wasm's Dataset.value into arrays, no graph: parse ${(h5.parseMs / tf.parseMs).toFixed(1)}x ours)`,
  );
  console.log(
    `tf_model.h5 / model.safetensors: parse ${(tf.parseMs / st.parseMs).toFixed(1)}x, parse+build ${((tf.parseMs + tf.buildMs) / (st.parseMs + st.buildMs)).toFixed(2)}x, peak RSS ${(tf.rssMB / st.rssMB).toFixed(2)}x`,
  );
}
