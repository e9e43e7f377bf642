// The embedded default models are float16 copies of the trained demonstration models. Their
// exactness is tested on the float32 originals (in @convbert/heads); here: do the shipped copies
// still give PyTorch's predictions?
import { readFileSync } from 'node:fs';
import { fixturePath } from '@convbert/test-fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultModelFor, type NodePipeline, pipeline } from '../src/index.js';

interface DemoCase {
  text: string;
  pred_label: string;
  score: number;
}
interface MaskCase {
  text: string;
  top10_ids: number[];
}

const demo = JSON.parse(readFileSync(fixturePath('demo', 'convbert-mini-sst2', 'golden', 'demo_sentences.json'), 'utf8'))
  .cases as DemoCase[];
const masks = JSON.parse(readFileSync(fixturePath('demo', 'convbert-mini-mlm', 'golden', 'fill_mask.json'), 'utf8')).cases as MaskCase[];
const dev = readFileSync(fixturePath('demo', 'convbert-mini-sst2', 'golden', 'sst2_dev.tsv'), 'utf8')
  .split('\n')
  .slice(1)
  .filter((l) => l.trim() !== '')
  .map((l) => l.split('\t')[1] as string);
const devPreds = readFileSync(fixturePath('demo', 'convbert-mini-sst2', 'golden', 'sst2_dev_predictions.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l) as { pred_label: string; label: number });

describe('embedded default models (float16 copies)', () => {
  let clf: NodePipeline<'text-classification'>;
  let fill: NodePipeline<'fill-mask'>;
  beforeAll(async () => {
    clf = await pipeline('text-classification');
    fill = await pipeline('fill-mask');
  });
  afterAll(async () => {
    await clf.dispose();
    await fill.dispose();
  });

  it('answers POSITIVE for the README sentence with no model named', async () => {
    const [top] = (await clf('a gorgeous, witty, seductive movie.')) as { label: string; score: number }[];
    expect(top?.label).toBe('POSITIVE');
  });

  it('gives PyTorch’s label on every typed demo sentence (scores within 1e-2 of float32)', async () => {
    for (const c of demo) {
      const [top] = (await clf(c.text)) as { label: string; score: number }[];
      expect(top?.label, c.text).toBe(c.pred_label);
      expect(Math.abs((top?.score ?? 0) - c.score), c.text).toBeLessThan(1e-2);
    }
  });

  it('agrees with PyTorch’s float32 labels on the SST-2 dev set (batched, exact bucketing)', async () => {
    // Without topK each input of an array gives its best label as an object (the reference's shape).
    const out = (await clf(dev, { batchSize: 32 })) as { label: string }[];
    let same = 0;
    let correct = 0;
    out.forEach((r, i) => {
      if (r.label === devPreds[i]?.pred_label) same++;
      if (r.label === (devPreds[i]?.label === 1 ? 'POSITIVE' : 'NEGATIVE')) correct++;
    });
    console.log(
      `default sst2 (float16): ${same}/${dev.length} labels equal PyTorch float32, dev accuracy ${((100 * correct) / dev.length).toFixed(2)}%`,
    );
    expect(dev.length).toBe(872);
    expect(same).toBeGreaterThanOrEqual(dev.length - 3);
  });

  it('fill-mask gives PyTorch’s top-1 word on every recorded sentence', async () => {
    for (const c of masks) {
      const preds = (await fill(c.text, { topK: 5 })) as { token: number }[];
      expect(preds[0]?.token, c.text).toBe(c.top10_ids[0]);
    }
  });
});

describe('defaultModelFor', () => {
  it('has no model for a task named like a JavaScript built-in (issue 22, 10)', () => {
    for (const task of ['constructor', 'toString', '__proto__']) {
      expect(() => defaultModelFor(task)).toThrow(expect.objectContaining({ code: 'MODEL_FILES_MISSING' }));
    }
  });
});
