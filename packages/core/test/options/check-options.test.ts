import { describe, expect, it } from 'vitest';
import { CoreError, checkOptions, OptionsError, snakeCase, suggestName } from '../../src/index.js';

const spec = { known: ['topK', 'aggregationStrategy', 'functionToApply', 'batchSize'], aliases: { k: 'topK' } };

describe('checkOptions', () => {
  it('keeps known keys and renames the reference snake_case names and listed aliases', () => {
    expect(checkOptions({ top_k: 3, aggregation_strategy: 'simple', batchSize: 2 }, spec, 'opts')).toEqual({
      topK: 3,
      aggregationStrategy: 'simple',
      batchSize: 2,
    });
    expect(checkOptions({ k: 1 }, spec, 'opts')).toEqual({ topK: 1 });
    expect(checkOptions(undefined, spec, 'opts')).toEqual({});
    expect(checkOptions({ topK: undefined }, spec, 'opts')).toEqual({});
  });

  it('refuses an unknown key, naming it and the nearest valid key', () => {
    const call = () => checkOptions({ topk: 3 }, spec, 'fill-mask options');
    expect(call).toThrow(OptionsError);
    expect(call).toThrow(/fill-mask options: unknown option "topk" \(did you mean "topK"\?\)/);
    try {
      checkOptions({ agregationStrategy: 'x' }, spec, 'o');
    } catch (e) {
      expect(e).toBeInstanceOf(CoreError);
      expect((e as OptionsError).code).toBe('UNKNOWN_OPTION');
      expect((e as OptionsError).key).toBe('agregationStrategy');
      expect((e as OptionsError).suggestion).toBe('aggregationStrategy');
    }
    expect(() => checkOptions({ aggregation_strategi: 'x' }, spec, 'o')).toThrow(/did you mean "aggregationStrategy"/);
    expect(() => checkOptions({ output_hidden_states: true }, spec, 'o')).toThrow(/valid options: topK, aggregationStrategy/);
  });

  it('refuses a key given twice with different values, and a bag that is not an object', () => {
    expect(() => checkOptions({ topK: 1, top_k: 2 }, spec, 'o')).toThrow(/"topK" and "top_k"/);
    expect(checkOptions({ topK: 2, top_k: 2 }, spec, 'o')).toEqual({ topK: 2 });
    expect(() => checkOptions([1], spec, 'o')).toThrow(/must be an object/);
    expect(() => checkOptions('x', spec, 'o')).toThrow(/must be an object/);
  });

  it('can switch the snake_case aliases off', () => {
    expect(() => checkOptions({ top_k: 1 }, { known: ['topK'], snakeCase: false }, 'o')).toThrow(/did you mean "topK"/);
  });
});

describe('names', () => {
  it('snake-cases camelCase keys', () => {
    expect(snakeCase('maxSeqLen')).toBe('max_seq_len');
    expect(snakeCase('dtype')).toBe('dtype');
  });
  it('suggests only near names', () => {
    expect(suggestName('FP16', ['fp32', 'fp16', 'int8'])).toBe('fp16');
    expect(suggestName('q8', ['fp32', 'fp16', 'int8'])).toBeUndefined();
    expect(suggestName('cahceDir', ['cacheDir', 'revision'])).toBe('cacheDir');
  });
});
