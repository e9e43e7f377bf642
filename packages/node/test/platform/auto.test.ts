// The Auto classes pick the model class from config.json's `architectures` (a registry other
// classes join by name) and load it like the class's own fromPretrained.
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { registerArchitecture, TFConvBertForSequenceClassification } from '@convbert/heads';
import { checkpointDir, compareClose, fixturePath, loadManifest, readTensor } from '@convbert/test-fixtures';
import { afterAll, describe, expect, it } from 'vitest';
import {
  AutoConfig,
  AutoModel,
  AutoModelForMaskedLM,
  AutoModelForSequenceClassification,
  AutoModelForTokenClassification,
  AutoTokenizer,
  ConvBertForTokenClassification,
} from '../../src/index.js';

const manifest = loadManifest('tiny');
const golden = (head: string, out: string) => {
  const r = manifest.results.find((x) => x.head === head && x.case === 'single_question' && x.kind !== 'loss');
  if (!r?.outputs[out]) throw new Error(`no golden ${head}/${out}`);
  return readTensor('tiny', r.outputs[out]).data as Float32Array;
};
const text = (manifest.cases.find((c) => c.name === 'single_question') as unknown as { tokenizer_call: { text: string } }).tokenizer_call
  .text;
const root = mkdtempSync(join(tmpdir(), 'convbert-auto-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('Auto classes', () => {
  it('AutoConfig reads config.json; AutoModelFor<Task> gives the class its architectures name', async () => {
    const dir = checkpointDir('tiny', 'token-classification');
    const config = await AutoConfig.fromPretrained(dir);
    expect(config.architectures).toEqual(['ConvBertForTokenClassification']);
    expect(config.id2label[1]).toBe('B-PER');
    const model = await AutoModelForTokenClassification.fromPretrained(dir, { graphCache: false });
    const direct = await ConvBertForTokenClassification.fromPretrained(dir, { graphCache: false });
    expect(model).toBeInstanceOf(ConvBertForTokenClassification);
    expect(model.constructor).toBe(ConvBertForTokenClassification);
    const tokenizer = await AutoTokenizer.fromPretrained(dir);
    const { logits } = await model.forward(tokenizer.encode(text));
    expect(compareClose(logits.data, golden('token-classification', 'logits'), 1e-5, 1e-4).ok).toBe(true);
    expect(logits.data).toEqual((await direct.forward(tokenizer.encode(text))).logits.data);
    await model.dispose();
    await direct.dispose();
  });

  it('AutoModel is the bare encoder', async () => {
    const dir = checkpointDir('tiny', 'base');
    const model = await AutoModel.fromPretrained(dir, { graphCache: false });
    const tokenizer = await AutoTokenizer.fromPretrained(dir);
    const { lastHiddenState } = await model.forward(tokenizer.encode(text));
    expect(lastHiddenState.dims).toEqual([1, 13, 32]);
    expect(compareClose(lastHiddenState.data, golden('base', 'last_hidden_state'), 1e-5, 1e-4).ok).toBe(true);
    await model.dispose();
  });

  it('a registered architecture name is loaded by its own class', async () => {
    const dir = mkdtempSync(join(root, 'custom-'));
    const config = JSON.parse(readFileSync(join(checkpointDir('tiny', 'masked-lm'), 'config.json'), 'utf8'));
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ ...config, architectures: ['TestConvBertForMaskedLM'] }));
    copyFileSync(join(checkpointDir('tiny', 'masked-lm'), 'model.safetensors'), join(dir, 'model.safetensors'));
    const loaded: string[] = [];
    registerArchitecture('TestConvBertForMaskedLM', {
      task: 'masked-lm',
      load: async (source) => {
        loaded.push(source.id);
        return { custom: true };
      },
    });
    expect(await AutoModelForMaskedLM.fromPretrained(dir)).toEqual({ custom: true });
    expect(loaded).toHaveLength(1);
    // Its task only: the bare encoder of that folder is still ConvBertModel.
    const base = await AutoModel.fromPretrained(dir, { graphCache: false });
    expect(base).not.toEqual({ custom: true });
    await base.dispose();
  });

  it('a config.json naming a TFConvBert* class loads that class, from tf_model.h5', async () => {
    const dir = mkdtempSync(join(root, 'tf-'));
    const tf = fixturePath('models', 'tiny', 'checkpoint-tf', 'sequence-classification');
    const config = JSON.parse(readFileSync(join(tf, 'config.json'), 'utf8'));
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ ...config, architectures: ['TFConvBertForSequenceClassification'] }));
    copyFileSync(join(tf, 'tf_model.h5'), join(dir, 'tf_model.h5'));
    copyFileSync(join(tf, 'vocab.txt'), join(dir, 'vocab.txt'));
    const model = await AutoModelForSequenceClassification.fromPretrained(dir, { graphCache: false });
    expect(model).toBeInstanceOf(TFConvBertForSequenceClassification);
    const tokenizer = await AutoTokenizer.fromPretrained(dir);
    const { logits } = await model.forward(tokenizer.encode(text));
    expect(compareClose(logits.data, golden('sequence-classification', 'logits')).ok).toBe(true);
    await model.dispose();
  });
});
