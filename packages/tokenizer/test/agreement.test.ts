// Both tokenizers agree on every string of fixtures/text (ids, tokens, offsets, word and sequence ids).
import { readJsonl } from '@convbert/test-fixtures';
import { describe, expect, it } from 'vitest';
import { ConvBertTokenizer, ConvBertTokenizerFast, type Encoding, tokenizerOptionsFromConfig } from '../src/index.js';
import { TOKENIZER_CONFIG, TOKENIZER_JSON, VOCAB_TEXT } from './helpers.js';

interface Paragraph {
  id: string;
  context: string;
  qas: { question: string; answers: { text: string }[] }[];
}

const slow = ConvBertTokenizer.fromVocab(VOCAB_TEXT, tokenizerOptionsFromConfig(TOKENIZER_CONFIG));
const fast = ConvBertTokenizerFast.fromJSON(TOKENIZER_JSON, TOKENIZER_CONFIG);
const paragraphs = readJsonl<Paragraph>('text', 'squad_v1.1_dev_subset.jsonl');
const edge = readJsonl<{ id: string; text: string }>('text', 'edge_cases.jsonl');

const withoutSlowExtras = ({ overflowingTokens: _o, numTruncatedTokens: _n, ...e }: Encoding) => e;

describe('ConvBertTokenizer and ConvBertTokenizerFast agree on fixtures/text', () => {
  it('every edge case', () => {
    for (const { text } of edge) expect(slow.encode(text)).toEqual(fast.encode(text));
    for (const { text: a } of edge) {
      for (const { text: b } of edge.slice(0, 12)) expect(slow.encode(a, b)).toEqual(fast.encode(a, b));
    }
  });

  it('every SQuAD context, question and answer', () => {
    let n = 0;
    for (const p of paragraphs) {
      expect(slow.encode(p.context)).toEqual(fast.encode(p.context));
      n++;
      for (const qa of p.qas) {
        expect(slow.encode(qa.question)).toEqual(fast.encode(qa.question));
        for (const a of qa.answers) expect(slow.tokenize(a.text)).toEqual(fast.tokenize(a.text));
        n += 1 + qa.answers.length;
      }
    }
    expect(n).toBeGreaterThan(3500);
  });

  it('every (question, context) pair with only_second windows, both overflow modes', () => {
    for (const p of paragraphs) {
      for (const qa of p.qas.slice(0, 2)) {
        for (const completeOverflow of [false, true]) {
          const opts = { truncation: 'only_second', maxLength: 128, stride: 32, returnOverflowingTokens: true, completeOverflow } as const;
          expect(withoutSlowExtras(slow.encode(qa.question, p.context, opts))).toEqual(fast.encode(qa.question, p.context, opts));
        }
      }
    }
  });
});
