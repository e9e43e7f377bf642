// The added-token matcher against the definition of Rust's AddedVocabulary (leftmost-longest,
// non-overlapping): at the first position where any token starts, the longest token starting there
// (the first listed among equal ones); then on after it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AddedTokenMatch, AddedTokenMatcher } from '../src/pre-tokenizer/added-tokens.js';

function leftmostLongest(text: string, tokens: readonly { text: string; id: number }[]): AddedTokenMatch[] {
  const out: AddedTokenMatch[] = [];
  for (let pos = 0; pos < text.length; ) {
    let best: { text: string; id: number } | undefined;
    for (const t of tokens) if (t.text.length > 0 && text.startsWith(t.text, pos) && t.text.length > (best?.text.length ?? 0)) best = t;
    if (best === undefined) pos++;
    else {
      out.push({ id: best.id, start: pos, end: pos + best.text.length });
      pos += best.text.length;
    }
  }
  return out;
}

describe('AddedTokenMatcher', () => {
  it('finds what the leftmost-longest definition finds, on small alphabets where tokens overlap and nest', () => {
    const alphabet = fc.constantFrom('a', 'b', '[', ']', 'é', '\u{1F600}');
    const str = (max: number) => fc.array(alphabet, { maxLength: max }).map((a) => a.join(''));
    fc.assert(
      fc.property(fc.array(str(6), { maxLength: 8 }), str(40), (texts, text) => {
        const tokens = texts.map((t, id) => ({ text: t, id }));
        expect(new AddedTokenMatcher(tokens).findAll(text)).toEqual(leftmostLongest(text, tokens));
      }),
      { numRuns: 2000, seed: 22 },
    );
  });

  it('BERT special tokens in running text', () => {
    const tokens = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'].map((text, id) => ({ text, id }));
    const text = 'the [MASK] is [MASK][SEP] not [MASK or [[CLS]]';
    expect(new AddedTokenMatcher(tokens).findAll(text)).toEqual(leftmostLongest(text, tokens));
    expect(new AddedTokenMatcher([]).findAll(text)).toEqual([]);
  });
});
