// A TensorFlow checkpoint folder dropped into the page (tf_model.h5 + config + vocabulary as Files):
// TFConvBertForSequenceClassification converts it in Chromium and matches the reference logits; the
// HDF5 reader arrives as its own chunk only when the .h5 file is read; pipeline() takes the same folder.
import { readFileSync } from 'node:fs';
import { type Harness, startHarness } from '@convbert/browser-testing';
import { checkJob, FP32_TOLERANCE, fixturePath, onnxJobs } from '@convbert/test-fixtures';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

let hx: Harness;
let page: Page;
// A missing Chromium must fail the tests, not skip them (as in browser.test.ts).
let setupError: unknown;

beforeAll(async () => {
  try {
    hx = await startHarness();
    page = hx.page;
  } catch (err) {
    setupError = err;
  }
});
beforeEach(() => {
  if (setupError) throw setupError;
});
afterAll(async () => {
  await hx?.close();
});

const FOLDER = '/__fixtures__/models/tiny/checkpoint-tf/sequence-classification/';
const FILES = ['config.json', 'tf_model.h5', 'vocab.txt', 'tokenizer_config.json', 'special_tokens_map.json'];

describe('a dropped TF checkpoint folder in Chromium', () => {
  it('TFConvBertForSequenceClassification: reference logits (wasm, 1e-4), HDF5 reader loaded on demand', async () => {
    const jobs = onnxJobs('tiny')
      .filter((j) => j.job.head === 'sequence-classification')
      .slice(0, 3);
    const got = await page.evaluate(
      async ({ folder, files, cases }) => {
        const { web } = (window as unknown as { convbert: { web: typeof import('../../src/index.js') } }).convbert;
        const h5Chunks = () =>
          performance
            .getEntriesByType('resource')
            .map((e) => e.name)
            .filter((n) => /tf-h5[^/]*\.js$/.test(n));
        const before = h5Chunks().length;
        const dropped = await Promise.all(files.map(async (path) => ({ path, file: await (await fetch(folder + path)).blob() })));
        const model = await web.TFConvBertForSequenceClassification.fromPretrained(new web.FileSource(dropped, 'dropped TF folder'), {
          device: 'wasm',
        });
        const outs: { logits: { data: number[]; dims: number[] } }[] = [];
        for (const c of cases) {
          const m = (k: string) => ({ data: BigInt64Array.from(c.feeds[k]!.data, BigInt), dims: c.feeds[k]!.dims });
          const r = await model.forward({
            inputIds: m('input_ids'),
            attentionMask: m('attention_mask'),
            tokenTypeIds: m('token_type_ids'),
          });
          outs.push({ logits: { data: Array.from(r.logits.data), dims: [...r.logits.dims] } });
        }
        const file = model.info.file;
        await model.dispose();
        const classify = await web.pipeline('text-classification', new web.FileSource(dropped, 'dropped TF folder'));
        const label = (await classify('What techniques can be used to determine paleotopography?')) as { label: string; score: number }[];
        await classify.dispose();
        return { outs, file, before, after: h5Chunks().length, label };
      },
      { folder: FOLDER, files: FILES, cases: jobs.map((j) => ({ name: j.job.case, feeds: j.job.feeds })) },
    );
    expect(got.file).toBe('tf_model.h5');
    expect(got.before).toBe(0);
    expect(got.after).toBe(1);
    const failures = jobs.flatMap(({ job, expected }, i) => checkJob(job, expected, got.outs[i]!, FP32_TOLERANCE).failures);
    expect(failures).toEqual([]);
    // the reference pipeline's answer for this text (golden/pipelines.json, text-classification/056)
    const ref = JSON.parse(readFileSync(fixturePath('models', 'tiny', 'golden', 'pipelines.json'), 'utf8')).cases.find(
      (c: { id: string }) => c.id === 'text-classification/056',
    );
    expect(got.label[0]?.label).toBe(ref.output[0].label);
    expect(Math.abs((got.label[0]?.score as number) - ref.output[0].score)).toBeLessThanOrEqual(1e-4);
  });

  it('the page threw nothing', () => {
    expect(hx.pageErrors).toEqual([]);
  });
});
