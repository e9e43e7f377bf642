// decode() takes ids as models and other libraries hand them over (typed arrays, bigints), and
// wordPieceTokenizerJson() writes the tokenizer.json Python's converter writes for the same vocabulary.
import { describe, expect, it } from 'vitest';
import { ConvBertTokenizer, ConvBertTokenizerFast, TokenizerError, wordPieceTokenizerJson } from '../src/index.js';
import { TOKENIZER_CONFIG, TOKENIZER_JSON, TOKENIZER_JSON_TEXT, VOCAB_TEXT } from './helpers.js';

// bert-base-uncased ids of "[CLS] hello world [SEP]" (the vocabulary's published numbering).
const IDS = [101, 7592, 2088, 102];
const TEXT = '[CLS] hello world [SEP]';

describe('decode() takes typed arrays and bigint ids', () => {
  const tokenizers = [
    ['slow', ConvBertTokenizer.fromVocab(VOCAB_TEXT)],
    ['fast', ConvBertTokenizerFast.fromJSON(TOKENIZER_JSON_TEXT, TOKENIZER_CONFIG)],
  ] as const;
  it.each(tokenizers)('%s', (_name, tok) => {
    for (const ids of [IDS, Int32Array.from(IDS), Uint32Array.from(IDS), BigInt64Array.from(IDS, BigInt), IDS.map(BigInt)]) {
      expect(tok.decode(ids), ids.constructor.name).toBe(TEXT);
    }
    expect(tok.decode(BigInt64Array.from(IDS, BigInt), { skipSpecialTokens: true })).toBe('hello world');
    expect(tok.decodeBatch([Int32Array.from(IDS), IDS.map(BigInt)])).toEqual([TEXT, TEXT]);
    expect(tok.convertIdsToTokens(7592n)).toBe('hello');
  });

  it('refuses what is not ids, saying what it got', () => {
    const tok = ConvBertTokenizer.fromVocab(VOCAB_TEXT);
    const refused = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        expect(e).toBeInstanceOf(TokenizerError);
        expect((e as TokenizerError).code).toBe('INVALID_IDS');
        return (e as Error).message;
      }
      throw new Error('expected INVALID_IDS');
    };
    expect(refused(() => tok.decode('hello' as never))).toContain('got string');
    expect(refused(() => tok.decode({ 0: 1 } as never))).toContain('got Object');
    expect(refused(() => tok.decode([1.5]))).toContain('1.5 is not a token id');
    expect(refused(() => tok.decode([2n ** 60n]))).toContain('is not a token id');
  });
});

describe('wordPieceTokenizerJson', () => {
  it("matches the tokenizer.json Python's converter wrote for bert-base-uncased", () => {
    const ours = JSON.parse(wordPieceTokenizerJson(VOCAB_TEXT, { doLowerCase: true })) as Record<string, Record<string, unknown>>;
    const ref = TOKENIZER_JSON as Record<string, Record<string, unknown>>;
    for (const key of ['added_tokens', 'normalizer', 'pre_tokenizer', 'post_processor', 'decoder'] as const) {
      expect(ours[key], key).toEqual(ref[key]);
    }
    const { type: _type, ...model } = ours.model as Record<string, unknown>;
    expect(model).toEqual(ref.model);
  });
});
