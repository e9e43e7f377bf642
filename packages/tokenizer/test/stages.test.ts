// Unit checks of single pipeline stages, on behaviour the reference documents in its code.
import { describe, expect, it } from 'vitest';
import { cleanUpTokenization, pythonTokensToString, rustWordPieceDecode } from '../src/decoder/decoders.js';
import { toCodePointOffsets } from '../src/index.js';
import { isCjkChar } from '../src/normalizer/cjk.js';
import { isRemovedChar, isWhitespaceChar } from '../src/normalizer/clean-text.js';
import { lowercaseChars } from '../src/normalizer/lowercase.js';
import { AddedTokenMatcher } from '../src/pre-tokenizer/added-tokens.js';
import { isPunctuationChar } from '../src/pre-tokenizer/punctuation.js';
import { clipToWords, windowsOf } from '../src/truncation/rust-truncation.js';

describe('pipeline stages', () => {
  it('added tokens: leftmost-longest, any first character', () => {
    const m = new AddedTokenMatcher([
      { text: '<s>', id: 1 },
      { text: '[X]', id: 2 },
      { text: '[XY]', id: 3 },
    ]);
    expect(m.findAll('a<s>[XY][X]b<s')).toEqual([
      { id: 1, start: 1, end: 4 },
      { id: 3, start: 4, end: 8 },
      { id: 2, start: 8, end: 11 },
    ]);
    const one = new AddedTokenMatcher([{ text: '[MASK]', id: 103 }]);
    expect(one.findAll('[[MASK][MASK]x[MAS')).toEqual([
      { id: 103, start: 1, end: 7 },
      { id: 103, start: 7, end: 13 },
    ]);
  });

  it('character classes', () => {
    expect(isRemovedChar(0)).toBe(true);
    expect(isRemovedChar(0xfffd)).toBe(true);
    expect(isRemovedChar(0x200b)).toBe(true); // Cf
    expect(isRemovedChar(0x09)).toBe(false);
    expect(isWhitespaceChar(0x3000)).toBe(true);
    expect(isWhitespaceChar(0x2028)).toBe(true);
    expect(isPunctuationChar('$'.charCodeAt(0))).toBe(true); // ASCII symbol counts
    expect(isPunctuationChar('«'.charCodeAt(0))).toBe(true);
    expect(isPunctuationChar('½'.charCodeAt(0))).toBe(false);
    expect(isCjkChar(0x4e2d)).toBe(true);
    expect(isCjkChar(0x20000)).toBe(true);
    expect(isCjkChar('か'.charCodeAt(0))).toBe(false);
    expect(lowercaseChars('ΣΟΦΟΣ')).toBe('σοφοσ');
    expect(lowercaseChars('İ')).toBe('i\u0307');
  });

  it('decoders', () => {
    expect(pythonTokensToString(['[CLS]', 'it', "'", 's', 'un', '##believ', '##able', '.'])).toBe("[CLS] it ' s unbelievable .");
    expect(cleanUpTokenization("it ' s unbelievable .")).toBe("it's unbelievable.");
    expect(rustWordPieceDecode(['it', "'", 's', 'un', '##believ', '##able', '.'], '##', true)).toBe("it ' s unbelievable.");
  });

  it('windows and the tokenizers 0.23 clip', () => {
    const seq = { ids: [0, 1, 2, 3, 4, 5, 6], starts: [0, 1, 2, 3, 4, 5, 6], ends: [1, 2, 3, 4, 5, 6, 7], words: [0, 0, 1, 1, 2, 2, 3] };
    expect(windowsOf(seq, 3, 1, 'right').map((w) => w.ids)).toEqual([
      [0, 1, 2],
      [2, 3, 4],
      [4, 5, 6],
    ]);
    expect(windowsOf(seq, 3, 1, 'left').map((w) => w.ids)).toEqual([
      [4, 5, 6],
      [2, 3, 4],
      [0, 1, 2],
    ]);
    expect(clipToWords(seq, 3, 'right').ids).toEqual([0, 1, 2, 3]);
    const left = clipToWords(seq, 2, 'left');
    expect(left.ids).toEqual([4, 5, 6]);
    expect(left.words).toEqual([0, 0, 1]);
  });

  it('code point offsets', () => {
    expect(
      toCodePointOffsets('😀 ab', [
        [0, 0],
        [3, 5],
      ]),
    ).toEqual([
      [0, 0],
      [2, 4],
    ]);
  });
});
