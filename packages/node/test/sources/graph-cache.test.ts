import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkpointDir, compareClose, loadManifest, readTensor } from '@convbert/test-fixtures';
import { afterAll, describe, expect, it } from 'vitest';
import { ConvBertModel } from '../../src/index.js';
import { FileGraphCache } from '../../src/sources/graph-cache.js';

const cacheDir = mkdtempSync(join(tmpdir(), 'convbert-graph-cache-'));
afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

describe('built graphs are cached by content', () => {
  const manifest = loadManifest('tiny');
  const c = manifest.cases.find((x) => x.name === 'pair_question_context')!;
  const golden = manifest.results.find((r) => r.head === 'base' && r.case === c.name && !r.kind)!;
  const feeds = {
    inputIds: readTensor('tiny', c.inputs.input_ids) as { data: BigInt64Array; dims: number[] },
    attentionMask: readTensor('tiny', c.inputs.attention_mask) as { data: BigInt64Array; dims: number[] },
    tokenTypeIds: readTensor('tiny', c.inputs.token_type_ids) as { data: BigInt64Array; dims: number[] },
  };

  it('builds once, then loads the cached graph with the same results', async () => {
    const first = await ConvBertModel.fromPretrained(checkpointDir('tiny', 'base'), { cacheDir });
    expect(first.info.cached).toBe(false);
    const files = readdirSync(join(cacheDir, 'graphs'));
    expect(files.filter((f) => f.endsWith('.onnx'))).toHaveLength(1);
    expect(files.filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const second = await ConvBertModel.fromPretrained(checkpointDir('tiny', 'base'), { cacheDir });
    expect(second.info.cached).toBe(true);
    const expected = readTensor('tiny', golden.outputs.last_hidden_state!).data as Float32Array;
    for (const model of [first, second]) {
      const out = await model.forward(feeds);
      expect(compareClose(out.lastHiddenState.data, expected).ok).toBe(true);
      await model.dispose();
    }
  });

  it('keys on the content: another dtype or checkpoint is another graph', async () => {
    const model = await ConvBertModel.fromPretrained(checkpointDir('tiny', 'base'), { cacheDir, dtype: 'fp16' });
    expect(model.info.cached).toBe(false);
    await model.dispose();
    const cache = new FileGraphCache(cacheDir);
    expect(await cache.digest(['ab', 'c'])).not.toBe(await cache.digest(['a', 'bc']));
    expect(readdirSync(join(cacheDir, 'graphs')).filter((f) => f.endsWith('.onnx'))).toHaveLength(2);
  });

  it('can be turned off', async () => {
    const model = await ConvBertModel.fromPretrained(checkpointDir('tiny', 'base'), { graphCache: false });
    expect(model.info.cached).toBe(false);
    await model.dispose();
  });
});

describe('load progress', () => {
  it('reports the build step, then the cached graph on the next load', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'convbert-progress-'));
    const steps: string[] = [];
    const onProgress = (e: { step?: string; loaded: number }) => {
      if (e.step) steps.push(`${e.step}:${e.loaded}`);
    };
    await (await ConvBertModel.fromPretrained(checkpointDir('tiny', 'base'), { cacheDir: dir, onProgress })).dispose();
    await (await ConvBertModel.fromPretrained(checkpointDir('tiny', 'base'), { cacheDir: dir, onProgress })).dispose();
    expect(steps).toEqual(['build graph:0', 'build graph:1', 'graph (cached):1']);
    rmSync(dir, { recursive: true, force: true });
  });
});
