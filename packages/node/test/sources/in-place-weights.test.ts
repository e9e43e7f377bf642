// Graphs built from a local model.safetensors point at its bytes (ONNX external data) instead of
// copying them; the graph cache keys them on the file's identity, not its hash. Outputs are
// compared with the reference fixtures.
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSafetensors, type TensorToWrite, writeSafetensors } from '@convbert/core';
import { checkpointDir, compareClose, loadManifest, readTensor } from '@convbert/test-fixtures';
import { afterAll, describe, expect, it } from 'vitest';
import { ConvBertModel } from '../../src/index.js';

const work = mkdtempSync(join(tmpdir(), 'convbert-in-place-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const manifest = loadManifest('tiny');
const c = manifest.cases.find((x) => x.name === 'pair_question_context')!;
const golden = readTensor(
  'tiny',
  manifest.results.find((r) => r.head === 'base' && r.case === c.name && !r.kind)!.outputs.last_hidden_state!,
).data as Float32Array;
const feeds = {
  inputIds: readTensor('tiny', c.inputs.input_ids) as { data: BigInt64Array; dims: number[] },
  attentionMask: readTensor('tiny', c.inputs.attention_mask) as { data: BigInt64Array; dims: number[] },
  tokenTypeIds: readTensor('tiny', c.inputs.token_type_ids) as { data: BigInt64Array; dims: number[] },
};
const source = checkpointDir('tiny', 'base');
const weightsBytes = statSync(join(source, 'model.safetensors')).size;

async function run(dir: string, cacheDir: string): Promise<{ cached: boolean | undefined; out: Float32Array }> {
  const model = await ConvBertModel.fromPretrained(dir, { cacheDir });
  const out = (await model.forward(feeds)).lastHiddenState.data;
  const cached = model.info.cached;
  await model.dispose();
  return { cached, out };
}

function copyCheckpoint(name: string): string {
  const dir = join(work, name);
  mkdirSync(dir);
  for (const f of ['config.json', 'model.safetensors']) copyFileSync(join(source, f), join(dir, f));
  return dir;
}

describe('fp32 weights read in place from model.safetensors', () => {
  it('the kept graph holds none of the weights, and both loads give the reference output', async () => {
    const cacheDir = join(work, 'cache-a');
    const dir = copyCheckpoint('a');
    const first = await run(dir, cacheDir);
    const second = await run(dir, cacheDir);
    expect([first.cached, second.cached]).toEqual([false, true]);
    for (const r of [first, second]) expect(compareClose(r.out, golden).ok).toBe(true);
    const graphs = readdirSync(join(cacheDir, 'graphs')).filter((f) => f.endsWith('.onnx'));
    expect(graphs).toHaveLength(1);
    expect(statSync(join(cacheDir, 'graphs', graphs[0]!)).size).toBeLessThan(weightsBytes / 20);
  });

  it('a rewritten weights file (same size) never reuses the graph of the old one', async () => {
    const cacheDir = join(work, 'cache-b');
    const dir = copyCheckpoint('b');
    expect(compareClose((await run(dir, cacheDir)).out, golden).ok).toBe(true);
    // the same tensors with the embeddings' LayerNorm scaled: same layout, same size, other outputs
    const sd = readSafetensors(new Uint8Array(readFileSync(join(dir, 'model.safetensors'))));
    const tensors = new Map<string, TensorToWrite>();
    for (const key of sd.keys()) {
      const t = sd.get(key);
      const data = key.endsWith('embeddings.LayerNorm.weight') ? (t.data as Float32Array).map((v) => v * 2) : t.data;
      tensors.set(key, { dtype: t.dtype, shape: t.shape, data });
    }
    const changed = writeSafetensors(tensors, { ...sd.metadata });
    expect(changed.byteLength).toBe(weightsBytes);
    writeFileSync(join(dir, 'model.safetensors'), changed);
    const after = await run(dir, cacheDir);
    expect(after.cached).toBe(false);
    expect(compareClose(after.out, golden).ok).toBe(false);
  });

  it('a weights file linked from elsewhere (the hub cache layout: snapshot -> blob) loads', async () => {
    const blobs = join(work, 'blobs');
    mkdirSync(blobs);
    copyFileSync(join(source, 'model.safetensors'), join(blobs, 'abc123'));
    const dir = join(work, 'snapshot');
    mkdirSync(dir);
    copyFileSync(join(source, 'config.json'), join(dir, 'config.json'));
    symlinkSync(join(blobs, 'abc123'), join(dir, 'model.safetensors'));
    const r = await run(dir, join(work, 'cache-c'));
    expect(compareClose(r.out, golden).ok).toBe(true);
  });
});
