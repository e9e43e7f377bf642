import { describe, expect, it } from 'vitest';
import { ConvBertTokenizer, ConvBertTokenizerFast, TokenizerError } from '../src/index.js';
import { TOKENIZER_CONFIG, TOKENIZER_JSON, VOCAB_TEXT } from './helpers.js';

const slow = ConvBertTokenizer.fromVocab(VOCAB_TEXT);
const fast = ConvBertTokenizerFast.fromJSON(TOKENIZER_JSON, TOKENIZER_CONFIG);
const both = [
  ['ConvBertTokenizer', slow],
  ['ConvBertTokenizerFast', fast],
] as const;

function codeOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(TokenizerError);
    expect((e as Error).message.length).toBeGreaterThan(20);
    return (e as TokenizerError).code;
  }
  return 'no error';
}

describe.each(both)('%s: bad input', (_name, tok) => {
  it('refuses non-string text', () => {
    for (const bad of [123, null, undefined, { text: 'a' }, ['a'], Buffer.from('a')]) {
      expect(codeOf(() => tok.encode(bad as never))).toBe('INVALID_INPUT');
      if (bad != null) expect(codeOf(() => tok.encode('ok', bad as never, { truncation: true }))).not.toBe('no error');
    }
    // option typos are caught too (Python names, unknown keys)
    expect(codeOf(() => tok.encode('ok', { max_length: 4 } as never))).toBe('INVALID_OPTION');
    expect(codeOf(() => tok.encode('a', 5 as never))).toBe('INVALID_INPUT');
    expect(codeOf(() => tok.encodeBatch('a' as never))).toBe('INVALID_INPUT');
    expect(codeOf(() => tok.encodeBatch([1 as never]))).toBe('INVALID_INPUT');
    expect(codeOf(() => tok.tokenize(7 as never))).toBe('INVALID_INPUT');
  });

  it('refuses lone surrogates', () => {
    for (const s of ['a\uD800b', '\uDC00', 'x \uD83D', '\uDE00\uD83D']) {
      expect(codeOf(() => tok.encode(s))).toBe('INVALID_UTF16');
    }
    // a proper pair is fine
    expect(tok.encode('x \uD83D\uDE00').inputIds).toEqual([101, 1060, 100, 102]);
  });

  it('drops NUL and control characters as the reference does', () => {
    expect(tok.encode('\u0000\u0001\u007f\u200b').inputIds).toEqual([101, 102]);
    expect(tok.encode('a\u0000b').tokens).toEqual(['[CLS]', 'ab', '[SEP]']);
    expect(tok.encode('a\u0000b').offsets).toEqual([
      [0, 0],
      [0, 3],
      [0, 0],
    ]);
  });

  it('handles empty strings', () => {
    expect(tok.encode('').inputIds).toEqual([101, 102]);
    expect(tok.encode('', '').inputIds).toEqual([101, 102, 102]);
    expect(tok.encodeBatch([])).toEqual([]);
    expect(tok.tokenize('')).toEqual([]);
  });

  // A hang or quadratic blow-up shows as the test's timeout; speed itself is the tokenizer bench's.
  it('tokenizes a 1 MB string', () => {
    const words = 'The quick brown fox jumps over the lazy dog, again and again. ';
    const big = words.repeat(Math.ceil(1_000_000 / words.length));
    const e = tok.encode(big);
    expect(e.inputIds.length).toBeGreaterThan(200_000);
    expect(e.offsets.at(-2)?.[1]).toBeLessThanOrEqual(big.length);
    const t = tok.encode(big, null, { truncation: true, maxLength: 16 });
    expect(t.inputIds.length).toBe(16);
    // one 1 MB word and 1 MB of punctuation
    expect(tok.encode('a'.repeat(1_000_000)).inputIds).toEqual([101, 100, 102]);
    expect(tok.encode('!'.repeat(1_000_000)).inputIds.length).toBe(1_000_002);
  });

  it('refuses a maxLength that leaves no room for the special tokens', () => {
    expect(codeOf(() => tok.encode('hello', null, { truncation: true, maxLength: 1 }))).toBe('MAX_LENGTH_TOO_SMALL');
    expect(codeOf(() => tok.encode('hello', 'world', { truncation: true, maxLength: 2 }))).toBe('MAX_LENGTH_TOO_SMALL');
  });

  it('refuses impossible truncations and bad options', () => {
    expect(codeOf(() => tok.encode('a b c d e', null, { truncation: 'only_second', maxLength: 4 }))).toBe('SEQUENCE_TOO_SHORT');
    expect(codeOf(() => tok.encode('a b c d e f', 'x', { truncation: 'only_second', maxLength: 5 }))).toBe('SEQUENCE_TOO_SHORT');
    expect(
      codeOf(() => tok.encode('a b c d e f g h', null, { truncation: true, maxLength: 6, stride: 4, returnOverflowingTokens: true })),
    ).toBe('STRIDE_TOO_LARGE');
    expect(codeOf(() => tok.encode('a', null, { truncation: 'both' as never }))).toBe('INVALID_OPTION');
    expect(codeOf(() => tok.encode('a', null, { maxLength: -1 }))).toBe('INVALID_OPTION');
    expect(codeOf(() => tok.encode('a', null, { padding: 'max' as never }))).toBe('INVALID_OPTION');
    expect(codeOf(() => tok.encode('a', null, { padToMultipleOf: 0 }))).toBe('INVALID_OPTION');
    expect(codeOf(() => tok.encode('a', null, { truncation: true, padding: 'max_length', maxLength: 10, padToMultipleOf: 8 }))).toBe(
      'INVALID_OPTION',
    );
  });

  it('refuses ids that are not in the vocabulary', () => {
    for (const ids of [[-1], [30522], [1.5], ['7']]) expect(codeOf(() => tok.decode(ids as never))).toBe('INVALID_IDS');
    expect(codeOf(() => tok.buildInputsWithSpecialTokens('abc' as never))).toBe('INVALID_IDS');
    expect(codeOf(() => tok.getSpecialTokensMask([101, 5, 102], [1], true))).toBe('INVALID_INPUT');
  });
});

describe('bad vocabularies and tokenizer files', () => {
  it('needs every special token in the vocabulary', () => {
    for (const missing of ['[UNK]', '[CLS]', '[SEP]', '[PAD]', '[MASK]']) {
      const vocab = VOCAB_TEXT.split('\n')
        .filter((t) => t !== missing)
        .join('\n');
      expect(codeOf(() => ConvBertTokenizer.fromVocab(vocab))).toBe('MISSING_SPECIAL_TOKEN');
      const json = structuredClone(TOKENIZER_JSON) as {
        model: { vocab: Record<string, number> };
        added_tokens: { content: string }[];
      };
      delete json.model.vocab[missing];
      json.added_tokens = json.added_tokens.filter((t) => t.content !== missing);
      expect(codeOf(() => ConvBertTokenizerFast.fromJSON(json))).not.toBe('no error');
    }
  });

  it('refuses what is not a vocab.txt', () => {
    expect(codeOf(() => ConvBertTokenizer.fromVocab(''))).toBe('INVALID_VOCAB');
    expect(codeOf(() => ConvBertTokenizer.fromVocab(Buffer.from(VOCAB_TEXT) as never))).toBe('INVALID_VOCAB');
    expect(codeOf(() => ConvBertTokenizer.fromVocab('/path/to/vocab.txt'))).toBe('MISSING_SPECIAL_TOKEN');
  });

  it('refuses what is not a BERT tokenizer.json', () => {
    expect(codeOf(() => ConvBertTokenizerFast.fromJSON('{not json'))).toBe('INVALID_TOKENIZER_JSON');
    expect(codeOf(() => ConvBertTokenizerFast.fromJSON('[]'))).toBe('INVALID_TOKENIZER_JSON');
    const bpe = { ...TOKENIZER_JSON, model: { type: 'BPE', vocab: {}, merges: [] } };
    expect(codeOf(() => ConvBertTokenizerFast.fromJSON(bpe))).toBe('UNSUPPORTED_TOKENIZER_JSON');
    const noPost = { ...TOKENIZER_JSON, post_processor: null };
    expect(codeOf(() => ConvBertTokenizerFast.fromJSON(noPost))).toBe('UNSUPPORTED_TOKENIZER_JSON');
    expect(codeOf(() => ConvBertTokenizerFast.fromJSON(TOKENIZER_JSON, 'x' as never))).toBe('INVALID_OPTION');
  });

  it('refuses bad tokenizer options', () => {
    expect(codeOf(() => ConvBertTokenizer.fromVocab(VOCAB_TEXT, { doLowerCase: 'yes' as never }))).toBe('INVALID_OPTION');
    expect(codeOf(() => ConvBertTokenizer.fromVocab(VOCAB_TEXT, { paddingSide: 'up' as never }))).toBe('INVALID_OPTION');
    expect(codeOf(() => ConvBertTokenizer.fromVocab(VOCAB_TEXT, { modelMaxLength: 0 }))).toBe('INVALID_OPTION');
  });
});

describe('slow-only reference behaviour', () => {
  it('ConvBertTokenizer refuses overflow for pairs with longest_first, as Python does', () => {
    expect(codeOf(() => slow.encode('a b', 'c d', { truncation: 'longest_first', maxLength: 5, returnOverflowingTokens: true }))).toBe(
      'OVERFLOW_NOT_SUPPORTED',
    );
    // the fast tokenizer returns every combination of windows
    const e = fast.encode('a b c d', 'e f g h', { truncation: 'longest_first', maxLength: 7, returnOverflowingTokens: true });
    expect(e.overflowing.length).toBeGreaterThan(0);
  });

  it('keeps never_split tokens whole (Python BasicTokenizer)', () => {
    const t = ConvBertTokenizer.fromVocab(VOCAB_TEXT, { neverSplit: ["don't", '[foo]'] });
    expect(t.tokenize("I DON'T know [foo] x")).toEqual(['i', "don't", 'know', '[foo]', 'x']);
    const e = t.encode("I DON'T know");
    expect(e.inputIds).toEqual([101, 1045, 100, 2113, 102]);
    expect(e.offsets[2]).toEqual([2, 7]);
  });
});
