// The two really-trained demo models against PyTorch's recorded outputs, from the token ids the
// reference tokenizer produced (so these checks stand without our tokenizer).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MemorySource } from '@convbert/core';
import { compareClose, fixturePath } from '@convbert/test-fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConvBertForMaskedLM, ConvBertForSequenceClassification, fillMaskPostprocess } from '../../src/index.js';
import { ortBackend } from '../helpers/ort.js';

const demo = (name: string, ...parts: string[]) => fixturePath('demo', name, ...parts);
const json = <T>(path: string) => JSON.parse(readFileSync(path, 'utf8')) as T;
const source = (name: string, weights: string) =>
  new MemorySource({ 'config.json': readFileSync(demo(name, 'config.json')), [weights]: readFileSync(demo(name, weights)) }, demo(name));
const ids = (xs: number[]) => ({ inputIds: { data: BigInt64Array.from(xs, BigInt), dims: [1, xs.length] } });

interface Sst2Case {
  text: string;
  input_ids: number[];
  logits: number[];
  pred_label: string;
}

describe('convbert-mini-sst2 (sequence classification)', () => {
  const sample = json<{ cases: Sst2Case[] }>(demo('convbert-mini-sst2', 'golden', 'sst2_dev_sample.json')).cases;
  const typed = json<{ cases: Sst2Case[] }>(demo('convbert-mini-sst2', 'golden', 'demo_sentences.json')).cases;

  for (const weights of ['model.safetensors', 'pytorch_model.bin']) {
    describe(`from ${weights}`, () => {
      let model: ConvBertForSequenceClassification;
      beforeAll(async () => {
        model = await ConvBertForSequenceClassification.load(source('convbert-mini-sst2', weights), ortBackend, { format: 'checkpoint' });
      });
      afterAll(() => model?.dispose());

      it('reproduces PyTorch logits and labels on the 20 dev samples and the typed sentences (1e-4)', async () => {
        for (const c of [...sample, ...typed]) {
          const { logits } = await model.forward(ids(c.input_ids));
          const r = compareClose(logits.data, c.logits, 1e-4, 1e-4);
          expect(r.ok, `${c.text}: max |Δ| ${r.maxAbs}`).toBe(true);
          expect(model.config.id2label[logits.data[0] > logits.data[1] ? 0 : 1]).toBe(c.pred_label);
        }
      });
    });
  }
});

interface FillMaskCase {
  text: string;
  input_ids: number[];
  mask_index: number;
  top10_ids: number[];
  top10_tokens: string[];
  top10_logits: number[];
  top10_probs: number[];
  mask_row_first8: number[];
}

describe('convbert-mini-mlm (masked LM, tied embeddings not stored)', () => {
  const cases = json<{ cases: FillMaskCase[] }>(demo('convbert-mini-mlm', 'golden', 'fill_mask.json')).cases;
  const vocab = readFileSync(join(demo('convbert-mini-mlm'), 'vocab.txt'), 'utf8').split('\n');
  // Only to spell the predicted ids: a whole-word piece decodes to its vocabulary entry.
  const spell = {
    maskTokenId: 103,
    padTokenId: 0,
    decode: (xs: ArrayLike<number>) => Array.from(xs, (i) => vocab[i]).join(' '),
  };
  let model: ConvBertForMaskedLM;
  beforeAll(async () => {
    model = await ConvBertForMaskedLM.load(source('convbert-mini-mlm', 'model.safetensors'), ortBackend, { format: 'checkpoint' });
  });
  afterAll(() => model?.dispose());

  it('gives the recorded top-10 ids, logits and probabilities at every [MASK]', async () => {
    for (const c of cases) {
      const { logits } = await model.forward(ids(c.input_ids));
      const V = model.config.vocab_size;
      const row = logits.data.subarray(c.mask_index * V, (c.mask_index + 1) * V);
      expect(compareClose(row.subarray(0, 8), c.mask_row_first8).ok, c.text).toBe(true);
      const [preds] = fillMaskPostprocess({ inputIds: c.input_ids, logits: logits.data, vocabSize: V, topK: 10, tokenizer: spell });
      expect(
        preds.map((p) => p.token),
        c.text,
      ).toEqual(c.top10_ids);
      expect(
        preds.map((p) => p.token_str),
        c.text,
      ).toEqual(c.top10_tokens);
      expect(
        compareClose(
          Array.from(preds, (p) => row[p.token]),
          c.top10_logits,
        ).ok,
        c.text,
      ).toBe(true);
      expect(
        compareClose(
          preds.map((p) => p.score),
          c.top10_probs,
          1e-5,
          1e-4,
        ).ok,
        c.text,
      ).toBe(true);
    }
  });
});
