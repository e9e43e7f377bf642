// fast.jsonl (Rust tokenizers' own outputs, offsets in code points) through BOTH tokenizers.
import { describe, expect, it } from 'vitest';
import type { Encoding } from '../src/index.js';
import { fastFor, loadCases, optionsFor, slowFor } from './helpers.js';

interface RustExpected {
  input_ids: number[];
  token_type_ids: number[];
  attention_mask: number[];
  special_tokens_mask: number[];
  tokens: string[];
  offsets: [number, number][];
  word_ids: (number | null)[];
  sequence_ids: (number | null)[];
}

function asFixture(e: Encoding): RustExpected {
  return {
    input_ids: e.inputIds,
    token_type_ids: e.tokenTypeIds,
    attention_mask: e.attentionMask,
    special_tokens_mask: e.specialTokensMask,
    tokens: e.tokens,
    offsets: e.offsets,
    word_ids: e.wordIds,
    sequence_ids: e.sequenceIds,
  };
}

const cases = loadCases('fast.jsonl');

for (const cls of ['ConvBertTokenizerFast', 'ConvBertTokenizer'] as const) {
  describe(`${cls} vs fast.jsonl`, () => {
    it('has cases', () => expect(cases.length).toBe(216));
    for (const c of cases) {
      it(c.id, () => {
        const tok = cls === 'ConvBertTokenizerFast' ? fastFor(c) : slowFor(c);
        const opts = { ...optionsFor(c.call), offsetUnits: 'codepoints' as const };
        const exp = c.expected as unknown;
        if (Array.isArray(exp)) {
          const texts = c.call.text as string[];
          const pairs = c.call.text_pair as string[] | null;
          const inputs = texts.map((t, i) => (pairs ? ([t, pairs[i]] as [string, string]) : t));
          expect(tok.encodeBatch(inputs, opts).map(asFixture)).toEqual(exp);
          return;
        }
        const e = tok.encode(c.call.text as string, (c.call.text_pair as string | null) ?? null, opts);
        const windows = (c.expected as { windows?: RustExpected[] }).windows;
        if (windows) {
          expect([e, ...e.overflowing].map(asFixture)).toEqual(windows);
          return;
        }
        expect(asFixture(e)).toEqual(exp);
        expect(e.overflowing).toEqual([]);
        const d = c.decode as { skip_special_tokens_false: string; skip_special_tokens_true: string } | undefined;
        if (d && cls === 'ConvBertTokenizerFast') {
          // the Rust binding's decode = Python fast decode without the Python-side clean-up
          expect(tok.decode(e.inputIds, { cleanUpTokenizationSpaces: false })).toBe(d.skip_special_tokens_false);
          expect(tok.decode(e.inputIds, { skipSpecialTokens: true, cleanUpTokenizationSpaces: false })).toBe(d.skip_special_tokens_true);
        }
      });
    }
  });
}

describe('offsets in UTF-16 units (the default) slice the original text', () => {
  for (const c of cases.filter((x) => !Array.isArray(x.expected) && !(x.expected as { windows?: unknown }).windows)) {
    it(c.id, () => {
      const text = c.call.text as string;
      const pair = (c.call.text_pair as string | null) ?? null;
      for (const tok of [fastFor(c), slowFor(c)]) {
        const e = tok.encode(text, pair);
        const cp = tok.encode(text, pair, { offsetUnits: 'codepoints' });
        e.offsets.forEach(([s, t], i) => {
          const src = e.sequenceIds[i] === 1 ? (pair as string) : text;
          // the same characters as the code point offsets pick out
          const [cs, ct] = cp.offsets[i];
          expect(src.slice(s, t)).toBe([...src].slice(cs, ct).join(''));
        });
      }
    });
  }
});
