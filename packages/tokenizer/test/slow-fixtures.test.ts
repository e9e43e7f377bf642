import { readFileSync } from 'node:fs';
import { fixturePath } from '@convbert/test-fixtures';
import { describe, expect, it } from 'vitest';
import type { Encoding } from '../src/index.js';
import { type FixtureCase, loadCases, optionsFor, slowFor } from './helpers.js';

function core(e: Encoding) {
  return {
    input_ids: e.inputIds,
    token_type_ids: e.tokenTypeIds,
    attention_mask: e.attentionMask,
    special_tokens_mask: e.specialTokensMask,
  };
}

function checkSingleCall(c: FixtureCase): void {
  const tok = slowFor(c);
  const text = c.call.text as string;
  const pair = (c.call.text_pair as string | null) ?? null;
  const e = tok.encode(text, pair, optionsFor(c.call));
  const exp = c.expected as Record<string, unknown>;
  const got: Record<string, unknown> = core(e);
  if ('overflowing_tokens' in exp) {
    got.overflowing_tokens = e.overflowingTokens;
    got.num_truncated_tokens = e.numTruncatedTokens;
    // With completeOverflow the windows cover the whole truncated sequence: the kept part plus what
    // Python reports as overflowing (whose first `stride` ids repeat the end of the kept part).
    const stride = (c.call.stride as number | undefined) ?? 0;
    const seq = pair === null ? 0 : 1;
    const part = (x: Encoding) => x.inputIds.filter((_, i) => x.sequenceIds[i] === seq);
    const full = tok.encode(text, pair, { ...optionsFor(c.call), completeOverflow: true });
    let rebuilt = part(full);
    for (const w of full.overflowing) rebuilt = rebuilt.concat(part(w).slice(stride));
    const overflow = exp.overflowing_tokens as number[];
    expect(rebuilt).toEqual(part(e).concat(overflow.slice(overflow.length > 0 ? stride : 0)));
    expect(full.overflowing.length).toBeGreaterThanOrEqual(e.overflowing.length);
  }
  expect(got).toEqual(exp);
  expect(e.tokens).toEqual(c.expected_tokens);
  if (c.tokens_text) expect(tok.tokenize(text)).toEqual(c.tokens_text);
  if (c.tokens_text_pair) expect(tok.tokenize(pair as string)).toEqual(c.tokens_text_pair);
  for (const d of c.decode as { kwargs: Record<string, boolean>; text: string }[]) {
    const opts = {
      skipSpecialTokens: d.kwargs.skip_special_tokens,
      cleanUpTokenizationSpaces: d.kwargs.clean_up_tokenization_spaces,
    };
    expect(tok.decode(e.inputIds, opts)).toBe(d.text);
  }
}

for (const file of ['single.jsonl', 'pair.jsonl', 'truncation.jsonl', 'overflow.jsonl', 'variants.jsonl']) {
  describe(`ConvBertTokenizer vs ${file}`, () => {
    const cases = loadCases(file);
    it(`has cases`, () => expect(cases.length).toBeGreaterThan(0));
    for (const c of cases) it(c.id, () => checkSingleCall(c));
  });
}

describe('ConvBertTokenizer vs batch.jsonl', () => {
  for (const c of loadCases('batch.jsonl')) {
    it(c.id, () => {
      const tok = slowFor(c);
      const texts = c.call.text as string[];
      const pairs = c.call.text_pair as string[] | null;
      const inputs = texts.map((t, i) => (pairs ? ([t, pairs[i]] as [string, string]) : t));
      const encs = tok.encodeBatch(inputs, optionsFor(c.call));
      const exp = c.expected as Record<string, number[][]>;
      expect({
        input_ids: encs.map((e) => e.inputIds),
        token_type_ids: encs.map((e) => e.tokenTypeIds),
        attention_mask: encs.map((e) => e.attentionMask),
        special_tokens_mask: encs.map((e) => e.specialTokensMask),
      }).toEqual(exp);
      expect(encs.map((e) => e.tokens)).toEqual(c.expected_tokens);
      for (const d of c.decode as { kwargs: Record<string, boolean>; text: string[] }[]) {
        const opts = {
          skipSpecialTokens: d.kwargs.skip_special_tokens,
          cleanUpTokenizationSpaces: d.kwargs.clean_up_tokenization_spaces,
        };
        expect(
          tok.decodeBatch(
            encs.map((e) => e.inputIds),
            opts,
          ),
        ).toEqual(d.text);
      }
    });
  }
});

describe('ConvBertTokenizer vs methods.jsonl', () => {
  for (const c of loadCases('methods.jsonl')) {
    it(c.id, () => {
      const tok = slowFor(c);
      const ids0 = c.call.token_ids_0 as number[];
      const ids1 = (c.call.token_ids_1 as number[] | null) ?? null;
      const exp = c.expected as Record<string, unknown>;
      const built = tok.buildInputsWithSpecialTokens(ids0, ids1);
      expect(built).toEqual(exp.build_inputs_with_special_tokens);
      expect(tok.getSpecialTokensMask(ids0, ids1)).toEqual(exp.get_special_tokens_mask);
      expect(tok.getSpecialTokensMask(built, null, true)).toEqual(exp.get_special_tokens_mask_already_has_special_tokens);
      expect(tok.createTokenTypeIdsFromSequences(ids0, ids1)).toEqual(exp.create_token_type_ids_from_sequences);
      const tokens = tok.convertIdsToTokens(built);
      expect(tokens).toEqual(exp.convert_ids_to_tokens);
      expect(tok.convertTokensToString(tokens)).toBe(exp.convert_tokens_to_string);
      expect(tok.convertTokensToIds(tokens)).toEqual(built);
    });
  }
});

describe('saveVocabulary', () => {
  it('gives back vocab.txt byte for byte (slow and fast)', async () => {
    const { VOCAB_TEXT, fastFor } = await import('./helpers.js');
    const c = loadCases('methods.jsonl')[0];
    expect(slowFor(c).saveVocabulary()).toBe(VOCAB_TEXT);
    expect(fastFor(c).saveVocabulary()).toBe(VOCAB_TEXT);
    const saved = readFileSync(fixturePath('tokenizer', 'tokenizer_files', 'vocab.txt'), 'utf8');
    expect(slowFor(c).saveVocabulary()).toBe(saved);
    expect(slowFor(c).vocabSize).toBe(30522);
    expect(fastFor(c).vocabSize).toBe(30522);
  });
});
