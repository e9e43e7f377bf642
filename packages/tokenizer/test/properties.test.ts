// Property tests over arbitrary Unicode (kept small: the suite runs on 2 cores).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConvBertTokenizer, ConvBertTokenizerFast, type Encoding } from '../src/index.js';
import { TOKENIZER_CONFIG, TOKENIZER_JSON, VOCAB_TEXT } from './helpers.js';

const slow = ConvBertTokenizer.fromVocab(VOCAB_TEXT);
const fast = ConvBertTokenizerFast.fromJSON(TOKENIZER_JSON, TOKENIZER_CONFIG);
const RUNS = 150;

// Any code point (no lone surrogates), mixed with pieces that exercise the interesting paths.
const piece = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.constantFrom(
    '[MASK]',
    '[SEP]',
    ' ',
    '##',
    'Café',
    'Cafe\u0301',
    'ΣΟΦΟΣ',
    '北京',
    '서울',
    '🍕',
    '\u0000',
    '\u200b',
    'İ',
    'x'.repeat(120),
  ),
  fc.string({ unit: 'grapheme', maxLength: 8 }),
);
const text = fc.array(piece, { maxLength: 8 }).map((p) => p.join(''));

function checkEncoding(e: Encoding, texts: string[], vocabSize: number): void {
  const n = e.inputIds.length;
  for (const k of ['tokenTypeIds', 'attentionMask', 'specialTokensMask', 'tokens', 'offsets', 'wordIds', 'sequenceIds'] as const) {
    expect(e[k].length).toBe(n);
  }
  const last = [-1, -1];
  for (let i = 0; i < n; i++) {
    const id = e.inputIds[i];
    expect(Number.isInteger(id) && id >= 0 && id < vocabSize).toBe(true);
    const [s, t] = e.offsets[i];
    const seq = e.sequenceIds[i];
    if (seq === null) {
      expect([s, t]).toEqual([0, 0]);
      continue;
    }
    expect(s).toBeGreaterThanOrEqual(0);
    expect(s).toBeLessThanOrEqual(t);
    expect(t).toBeLessThanOrEqual(texts[seq].length);
    // offsets never go backwards within a sequence
    expect(s).toBeGreaterThanOrEqual(last[seq]);
    last[seq] = s;
  }
}

describe('properties', () => {
  it('encode never throws on a string; ids in the vocabulary; offsets inside the input, in order', () => {
    fc.assert(
      fc.property(text, (t) => {
        for (const tok of [slow, fast]) checkEncoding(tok.encode(t), [t], tok.vocabSize);
      }),
      { numRuns: RUNS },
    );
  });

  it('both tokenizers give the same encoding (ids, offsets, word ids)', () => {
    fc.assert(
      fc.property(text, text, (a, b) => {
        expect(slow.encode(a, b)).toEqual(fast.encode(a, b));
      }),
      { numRuns: RUNS },
    );
  });

  it('truncation, stride and padding keep every window within maxLength and well formed', () => {
    const strategy = fc.constantFrom('longest_first', 'only_first', 'only_second') as fc.Arbitrary<
      'longest_first' | 'only_first' | 'only_second'
    >;
    fc.assert(
      fc.property(text, text, strategy, fc.integer({ min: 3, max: 40 }), fc.integer({ min: 0, max: 4 }), (a, b, s, maxLength, stride) => {
        const opts = { truncation: s, maxLength, stride, returnOverflowingTokens: true, padding: 'max_length' as const };
        for (const tok of [slow, fast]) {
          let e: Encoding;
          try {
            e = tok.encode(a, b, opts);
          } catch (err) {
            // the documented refusals only
            expect(['SEQUENCE_TOO_SHORT', 'STRIDE_TOO_LARGE', 'OVERFLOW_NOT_SUPPORTED', 'MAX_LENGTH_TOO_SMALL']).toContain(
              (err as { code: string }).code,
            );
            continue;
          }
          for (const w of [e, ...e.overflowing]) {
            expect(w.inputIds.length).toBe(maxLength);
            checkEncoding(w, [a, b], tok.vocabSize);
          }
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('decode of the tokens of plain lower-case words gives the words back', () => {
    const word = fc.constantFrom('the', 'convolution', 'tokenizer', 'unbelievably', 'paris', 'zebra', 'of', 'xylophone');
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 10 }), (ws) => {
        const t = ws.join(' ');
        for (const tok of [slow, fast]) expect(tok.decode(tok.encode(t).inputIds, { skipSpecialTokens: true })).toBe(t);
      }),
      { numRuns: 50 },
    );
  });
});
