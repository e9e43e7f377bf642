import { describe, expect, it } from 'vitest';
import {
  CONVBERT_PRESETS,
  ConvBertConfig,
  ConvBertConfigError,
  type ConvBertPresetName,
  parseConfig,
  presetConfig,
  SUPPORTED_ACTIVATIONS,
  serializeConfig,
} from '../src/index.js';

function refused(fn: () => unknown): ConvBertConfigError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ConvBertConfigError);
    return err as ConvBertConfigError;
  }
  throw new Error('expected a ConvBertConfigError');
}

describe('defaults', () => {
  it('are transformers.ConvBertConfig defaults, including pad_token_id 1', () => {
    const c = parseConfig('{}');
    expect(c.vocab_size).toBe(30522);
    expect(c.hidden_size).toBe(768);
    expect(c.embedding_size).toBe(768);
    expect(c.num_hidden_layers).toBe(12);
    expect(c.num_attention_heads).toBe(12);
    expect(c.intermediate_size).toBe(3072);
    expect(c.hidden_act).toBe('gelu');
    expect(c.max_position_embeddings).toBe(512);
    expect(c.type_vocab_size).toBe(2);
    expect(c.layer_norm_eps).toBe(1e-12);
    expect(c.pad_token_id).toBe(1);
    expect(c.bos_token_id).toBe(0);
    expect(c.eos_token_id).toBe(2);
    expect(c.head_ratio).toBe(2);
    expect(c.conv_kernel_size).toBe(9);
    expect(c.num_groups).toBe(1);
    expect(c.classifier_dropout).toBeNull();
    expect(c.num_labels).toBe(2);
    expect(c.id2label).toEqual({ 0: 'LABEL_0', 1: 'LABEL_1' });
    expect(c.label2id).toEqual({ LABEL_0: 0, LABEL_1: 1 });
    expect(c.tie_word_embeddings).toBe(true);
    expect(c.problem_type).toBeNull();
  });

  it('num_labels alone makes LABEL_i names', () => {
    const c = parseConfig({ num_labels: 3 });
    expect(c.id2label).toEqual({ 0: 'LABEL_0', 1: 'LABEL_1', 2: 'LABEL_2' });
    expect(c.label2id.LABEL_2).toBe(2);
  });

  it('id2label decides num_labels and fills label2id', () => {
    const c = parseConfig({ id2label: { '0': 'NEG', '1': 'NEU', '2': 'POS' } });
    expect(c.num_labels).toBe(3);
    expect(c.label2id).toEqual({ NEG: 0, NEU: 1, POS: 2 });
  });
});

describe('derived sizes', () => {
  it('uses the reference rounding: hidden 40, 7 heads, head_ratio 3', () => {
    const c = new ConvBertConfig({ hidden_size: 40, num_attention_heads: 7, head_ratio: 3, intermediate_size: 80 });
    expect(c.derived).toMatchObject({ numHeads: 2, headSize: 10, allHeadSize: 20 });
  });

  it('keeps one head when num_attention_heads < head_ratio', () => {
    const c = new ConvBertConfig({ hidden_size: 32, num_attention_heads: 1, head_ratio: 2, intermediate_size: 64 });
    expect(c.derived).toMatchObject({ numHeads: 1, headSize: 16, allHeadSize: 16 });
  });

  it('matches the fixture configurations (tiny: 2x8, tiny-grouped: 3x8)', () => {
    expect(
      new ConvBertConfig({ hidden_size: 32, embedding_size: 16, num_attention_heads: 4, intermediate_size: 64 }).derived,
    ).toMatchObject({
      numHeads: 2,
      headSize: 8,
      usesEmbeddingsProject: true,
    });
    expect(
      new ConvBertConfig({ hidden_size: 48, embedding_size: 48, num_attention_heads: 6, intermediate_size: 96, num_groups: 2 }).derived,
    ).toMatchObject({ numHeads: 3, headSize: 8, usesEmbeddingsProject: false, intermediateGroupSize: 48, hiddenGroupSize: 24 });
  });

  it('refuses halves that do not add up to hidden_size', () => {
    // 3 heads of (30 // 3) // 2 = 5: 2 * 15 = 30 works; 2 heads of (30 // 2) // 2 = 7 gives 28.
    expect(new ConvBertConfig({ hidden_size: 30, num_attention_heads: 6, intermediate_size: 60 }).derived.allHeadSize).toBe(15);
    const err = refused(() => new ConvBertConfig({ hidden_size: 30, num_attention_heads: 4, intermediate_size: 60 }));
    expect(err.code).toBe('CONFIG_INCOMPATIBLE_SIZES');
    expect(err.field).toBe('hidden_size');
  });

  it('refuses hidden_size not divisible by the heads', () => {
    const err = refused(() => new ConvBertConfig({ hidden_size: 50, num_attention_heads: 6, intermediate_size: 100 }));
    expect(err.code).toBe('CONFIG_INCOMPATIBLE_SIZES');
  });

  it('refuses num_groups that does not divide the feed-forward widths', () => {
    const err = refused(() => new ConvBertConfig({ hidden_size: 48, num_attention_heads: 6, intermediate_size: 100, num_groups: 3 }));
    expect(err.code).toBe('CONFIG_INCOMPATIBLE_SIZES');
    expect(err.field).toBe('num_groups');
  });

  it('refuses an even conv_kernel_size', () => {
    expect(refused(() => new ConvBertConfig({ conv_kernel_size: 8 })).field).toBe('conv_kernel_size');
  });
});

describe('validation', () => {
  it.each([
    ['hidden_size', 0, 'CONFIG_INVALID_SIZE'],
    ['hidden_size', -32, 'CONFIG_INVALID_SIZE'],
    ['hidden_size', 32.5, 'CONFIG_INVALID_TYPE'],
    ['vocab_size', '30522', 'CONFIG_INVALID_TYPE'],
    ['num_hidden_layers', null, 'CONFIG_INVALID_TYPE'],
    ['head_ratio', 0, 'CONFIG_INVALID_SIZE'],
    ['hidden_dropout_prob', 2, 'CONFIG_INVALID_TYPE'],
    ['layer_norm_eps', 0, 'CONFIG_INVALID_TYPE'],
    ['pad_token_id', -1, 'CONFIG_INVALID_TYPE'],
    ['hidden_act', 'gelu_magic', 'CONFIG_UNKNOWN_ACTIVATION'],
    ['hidden_act', 7, 'CONFIG_UNKNOWN_ACTIVATION'],
    ['problem_type', 'ranking', 'CONFIG_INVALID_TYPE'],
    ['tie_word_embeddings', 'yes', 'CONFIG_INVALID_TYPE'],
    ['architectures', 'ConvBertModel', 'CONFIG_INVALID_TYPE'],
    ['model_type', 'bert', 'CONFIG_WRONG_MODEL_TYPE'],
  ])('%s = %j is refused with %s', (field, value, code) => {
    const err = refused(() => parseConfig({ [field]: value }));
    expect(err.code).toBe(code);
    expect(err.field).toBe(field);
    expect(err.message).toContain(field);
  });

  it('accepts every supported activation', () => {
    for (const act of SUPPORTED_ACTIVATIONS) expect(parseConfig({ hidden_act: act }).hidden_act).toBe(act);
  });

  it('refuses input that is not a JSON object', () => {
    expect(refused(() => parseConfig('not json')).code).toBe('CONFIG_INVALID_JSON');
    expect(refused(() => parseConfig('[1, 2]')).code).toBe('CONFIG_NOT_OBJECT');
    expect(refused(() => parseConfig('null')).code).toBe('CONFIG_NOT_OBJECT');
    expect(refused(() => parseConfig(42)).code).toBe('CONFIG_NOT_OBJECT');
  });

  it('refuses id2label inconsistent with num_labels or label2id', () => {
    expect(refused(() => parseConfig({ num_labels: 3, id2label: { 0: 'a', 1: 'b' } })).code).toBe('CONFIG_INVALID_LABELS');
    expect(refused(() => parseConfig({ id2label: { 0: 'a', 2: 'b' } })).code).toBe('CONFIG_INVALID_LABELS');
    expect(refused(() => parseConfig({ id2label: { x: 'a' } })).code).toBe('CONFIG_INVALID_LABELS');
    expect(refused(() => parseConfig({ id2label: { 0: 'a', 1: 'b' }, label2id: { a: 1, b: 0 } })).field).toBe('label2id');
    expect(refused(() => parseConfig({ num_labels: 0 })).field).toBe('num_labels');
  });
});

describe('serialization', () => {
  it('keeps unknown fields through a round trip', () => {
    const text = JSON.stringify({
      hidden_size: 32,
      num_attention_heads: 4,
      intermediate_size: 64,
      my_field: { a: [1, 2] },
      chunk_size_feed_forward: 0,
    });
    const back = JSON.parse(serializeConfig(parseConfig(text)));
    expect(back.my_field).toEqual({ a: [1, 2] });
    expect(back.chunk_size_feed_forward).toBe(0);
    expect(parseConfig(serializeConfig(parseConfig(text))).extra.my_field).toEqual({ a: [1, 2] });
  });

  it('writes what the reference reads back: own fields always, labels only when not default', () => {
    const back = JSON.parse(serializeConfig(parseConfig({})));
    expect(back.model_type).toBe('convbert');
    expect(back.pad_token_id).toBe(1);
    expect(back.head_ratio).toBe(2);
    expect(back.classifier_dropout).toBeNull();
    expect(back.id2label).toBeUndefined();
    const labelled = JSON.parse(serializeConfig(parseConfig({ id2label: { 0: 'NEG', 1: 'POS', 2: 'NEU' } })));
    expect(labelled.id2label).toEqual({ 0: 'NEG', 1: 'POS', 2: 'NEU' });
    expect(labelled.label2id).toEqual({ NEG: 0, NEU: 2, POS: 1 });
  });
});

describe('presets', () => {
  it.each([
    ['YituTech/conv-bert-base', 768, 768, 12, 12, 3072, 1, 6, 64],
    ['YituTech/conv-bert-medium-small', 384, 128, 12, 8, 1536, 2, 4, 48],
    ['YituTech/conv-bert-small', 256, 128, 12, 4, 1024, 1, 2, 64],
  ] as const)('%s', (name, H, E, layers, heads, inter, groups, numHeads, headSize) => {
    const c = presetConfig(name);
    expect([c.hidden_size, c.embedding_size, c.num_hidden_layers, c.num_attention_heads, c.intermediate_size, c.num_groups]).toEqual([
      H,
      E,
      layers,
      heads,
      inter,
      groups,
    ]);
    expect([c.head_ratio, c.conv_kernel_size, c.vocab_size]).toEqual([2, 9, 30522]);
    expect(c.derived).toMatchObject({ numHeads, headSize, allHeadSize: H / 2 });
  });

  it('lists every preset and refuses unknown names', () => {
    expect(Object.keys(CONVBERT_PRESETS)).toHaveLength(3);
    expect(refused(() => presetConfig('YituTech/conv-bert-huge' as ConvBertPresetName)).code).toBe('CONFIG_UNKNOWN_PRESET');
    expect(presetConfig('YituTech/conv-bert-small', { num_labels: 5 }).num_labels).toBe(5);
  });
});
