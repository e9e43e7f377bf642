// Each shipped folder is what its table entry says: a loadable Hugging Face folder of that class,
// float16 weights, labels where the head has them, and a model card that reports the same score.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfig } from '@convbert/config';
import { readSafetensors } from '@convbert/core';
import { describe, expect, it } from 'vitest';
import { EMBEDDED_MODELS, modelDir } from '../src/index.js';

const FILES = ['config.json', 'model.safetensors', 'vocab.txt', 'tokenizer_config.json', 'special_tokens_map.json', 'README.md'];
const LABELS: Record<string, string[]> = {
  ConvBertForSequenceClassification: ['NEGATIVE', 'POSITIVE'],
  ConvBertForTokenClassification: ['B-LOC', 'B-MISC', 'B-ORG', 'B-PER', 'I-LOC', 'I-MISC', 'I-ORG', 'I-PER', 'O'],
};

describe.each(EMBEDDED_MODELS.map((m) => [m.name, m] as const))('%s', (name, model) => {
  const dir = modelDir(name);

  it('has the files a Hugging Face folder has, and a model card', () => {
    for (const f of FILES) expect(existsSync(join(dir, f)), f).toBe(true);
  });

  it('is the class its entry names, with the labels of its task', () => {
    const config = parseConfig(readFileSync(join(dir, 'config.json'), 'utf8'));
    expect(config.architectures).toEqual([model.architecture]);
    const expected = LABELS[model.architecture];
    if (expected) expect(Object.values(config.id2label).sort()).toEqual(expected);
  });

  it('stores its weights as float16', () => {
    const weights = readSafetensors(new Uint8Array(readFileSync(join(dir, 'model.safetensors'))));
    const dtypes = new Set([...weights.keys()].map((k) => weights.get(k).dtype));
    expect([...dtypes]).toEqual(['F16']);
  });

  it('reports in its card the score its entry gives', () => {
    expect(readFileSync(join(dir, 'README.md'), 'utf8')).toContain(model.score);
  });
});
