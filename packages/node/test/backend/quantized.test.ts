// Dynamically quantised graphs (dtype int8 / q8 / uint8) on the trained demonstration models:
// how often do they give PyTorch's float32 answers? Labels and words are compared with the
// reference's recorded predictions, never with our own float32 run.
import { readFileSync } from 'node:fs';
import { parseConfig } from '@convbert/config';
import { readSafetensors, utf8Decode } from '@convbert/core';
import { buildConvBertEncoder } from '@convbert/core/graph';
import { fixturePath } from '@convbert/test-fixtures';
import { describe, expect, it } from 'vitest';
import { pipeline } from '../../src/index.js';

const golden = (model: string, file: string) => readFileSync(fixturePath('demo', model, 'golden', file), 'utf8');
const dev = golden('convbert-mini-sst2', 'sst2_dev.tsv')
  .split('\n')
  .slice(1)
  .filter((l) => l.trim() !== '')
  .map((l) => l.split('\t')[1] as string);
const devPreds = golden('convbert-mini-sst2', 'sst2_dev_predictions.jsonl')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l) as { pred_label: string });
const masks = JSON.parse(golden('convbert-mini-mlm', 'fill_mask.json')).cases as { text: string; top10_ids: number[] }[];

describe.each(['int8', 'uint8'] as const)('dtype %s (activations quantised at run time)', (dtype) => {
  it('quantises the activations of every weight product (DynamicQuantizeLinear + MatMulInteger)', () => {
    const dir = fixturePath('demo', 'convbert-mini-sst2');
    const config = parseConfig(readFileSync(`${dir}/config.json`, 'utf8'));
    const weights = readSafetensors(new Uint8Array(readFileSync(`${dir}/model.safetensors`)));
    const text = utf8Decode(buildConvBertEncoder(config, weights, { dtype }));
    const count = (op: string) => text.split(op).length - 1;
    // per layer: fused q/k/v/conv_out, key-conv pointwise, conv kernel, attention output, feed-forward up and down
    expect(count('MatMulInteger')).toBeGreaterThanOrEqual(6 * config.num_hidden_layers);
    expect(count('DynamicQuantizeLinear')).toBeGreaterThan(0);
    expect(text).toContain(dtype === 'uint8' ? '.uint8' : '.int8');
  });

  it('gives PyTorch’s float32 label on at least 99% of the SST-2 dev set', async () => {
    const clf = await pipeline('text-classification', fixturePath('demo', 'convbert-mini-sst2'), { dtype, graphCache: false });
    const out = (await clf(dev, { batchSize: 32 })) as { label: string }[]; // one { label, score } per input, as the reference
    await clf.dispose();
    const same = out.filter((r, i) => r.label === devPreds[i]?.pred_label).length;
    console.log(`sst2 ${dtype}: ${same}/${dev.length} labels equal PyTorch float32 (${((100 * same) / dev.length).toFixed(2)}%)`);
    expect(dev.length).toBe(872);
    expect(same / dev.length).toBeGreaterThanOrEqual(0.99);
  });

  it('fill-mask: reports top-1 agreement with PyTorch; its top word is always among PyTorch’s top 5', async () => {
    const fill = await pipeline('fill-mask', fixturePath('demo', 'convbert-mini-mlm'), { dtype, graphCache: false });
    let top1 = 0;
    for (const c of masks) {
      const preds = (await fill(c.text, { topK: 5 })) as { token: number }[];
      const word = preds[0]?.token as number;
      if (word === c.top10_ids[0]) top1++;
      expect(c.top10_ids.slice(0, 5), c.text).toContain(word);
    }
    await fill.dispose();
    console.log(`fill-mask ${dtype}: top-1 equal to PyTorch float32 on ${top1}/${masks.length} sentences`);
    expect(top1).toBeGreaterThanOrEqual(masks.length - 2);
  });
});
