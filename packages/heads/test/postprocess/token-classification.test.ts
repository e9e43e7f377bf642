// Aggregation strategies on hand-made logits, expected results worked out by hand from
// transformers' TokenClassificationPipeline rules.
import { describe, expect, it } from 'vitest';
import { type AggregationStrategy, tokenClassificationPostprocess } from '../../src/postprocess/token-classification.js';
import { lnp, ToyTokenizer } from '../helpers/toy.js';

const tok = new ToyTokenizer();
const id2label = { 0: 'O', 1: 'B-PER', 2: 'I-PER', 3: 'B-LOC', 4: 'I-LOC' };

// "Hello Microsoft in Paris" → [CLS] hello micro ##soft in paris [SEP]
//  offsets:                         0-5   6-11  11-15 16-18 19-24
const text = 'Hello Microsoft in Paris';
const encoding = tok.encode(text);
// Per-token label probabilities (O, B-PER, I-PER, B-LOC, I-LOC); [CLS]/[SEP] rows are skipped.
const probs = [
  [0.2, 0.2, 0.2, 0.2, 0.2], // [CLS]
  [0.7, 0.1, 0.1, 0.05, 0.05], // hello  → O 0.7
  [0.1, 0.6, 0.1, 0.1, 0.1], // micro  → B-PER 0.6
  [0.05, 0.05, 0.1, 0.75, 0.05], // ##soft → B-LOC 0.75 (disagrees with its word's first piece)
  [0.8, 0.05, 0.05, 0.05, 0.05], // in     → O 0.8
  [0.1, 0.1, 0.1, 0.3, 0.4], // paris  → I-LOC 0.4
  [0.2, 0.2, 0.2, 0.2, 0.2], // [SEP]
];
const logits = Float32Array.from(probs.flatMap(lnp));
const run = (aggregationStrategy: AggregationStrategy, ignoreLabels?: string[]) =>
  tokenClassificationPostprocess({ text, encoding, logits, id2label, tokenizer: tok, aggregationStrategy, ignoreLabels });

const close = (entities: { score: number }[]) => entities.map((e) => ({ ...e, score: Number(e.score.toFixed(6)) }));

describe('token-classification aggregation (hand-worked)', () => {
  it('tokenizes as the comments say', () => {
    expect(encoding.tokens).toEqual(['[CLS]', 'hello', 'micro', '##soft', 'in', 'paris', '[SEP]']);
    expect(encoding.offsets).toEqual([
      [0, 0],
      [0, 5],
      [6, 11],
      [11, 15],
      [16, 18],
      [19, 24],
      [0, 0],
    ]);
  });

  it('none: one entry per non-O token, raw word pieces, token index', () => {
    expect(close(run('none'))).toEqual([
      { entity: 'B-PER', score: 0.6, index: 2, word: 'micro', start: 6, end: 11 },
      { entity: 'B-LOC', score: 0.75, index: 3, word: '##soft', start: 11, end: 15 },
      { entity: 'I-LOC', score: 0.4, index: 5, word: 'paris', start: 19, end: 24 },
    ]);
  });

  it('none with ignoreLabels [] keeps O tokens', () => {
    expect(run('none', []).map((e) => e.entity)).toEqual(['O', 'B-PER', 'B-LOC', 'O', 'I-LOC']);
  });

  it('simple: B- starts a group, so micro / ##soft / paris are three groups (O between LOCs splits too)', () => {
    // hello(O) | micro(B-PER) | ##soft(B-LOC) | in(O) | paris(I-LOC): every neighbour differs in tag
    // or starts with B-, so each token is its own group; the O groups are dropped.
    expect(close(run('simple'))).toEqual([
      { entity_group: 'PER', score: 0.6, word: 'micro', start: 6, end: 11 },
      { entity_group: 'LOC', score: 0.75, word: '##soft', start: 11, end: 15 },
      { entity_group: 'LOC', score: 0.4, word: 'paris', start: 19, end: 24 },
    ]);
  });

  it('first: the word takes the label of its first piece', () => {
    // microsoft = micro + ##soft (##soft is a sub-word: len("##soft") = 6 ≠ len("soft") = 4).
    expect(close(run('first'))).toEqual([
      { entity_group: 'PER', score: 0.6, word: 'microsoft', start: 6, end: 15 },
      { entity_group: 'LOC', score: 0.4, word: 'paris', start: 19, end: 24 },
    ]);
  });

  it('max: the word takes the label of its most confident piece', () => {
    // max(micro) = 0.6 < max(##soft) = 0.75 → B-LOC 0.75.
    expect(close(run('max'))).toEqual([
      { entity_group: 'LOC', score: 0.75, word: 'microsoft', start: 6, end: 15 },
      { entity_group: 'LOC', score: 0.4, word: 'paris', start: 19, end: 24 },
    ]);
  });

  it('average: label scores are averaged over the pieces first', () => {
    // mean([.1,.6,.1,.1,.1], [.05,.05,.1,.75,.05]) = [.075, .325, .1, .425, .075] → B-LOC 0.425.
    expect(close(run('average'))).toEqual([
      { entity_group: 'LOC', score: 0.425, word: 'microsoft', start: 6, end: 15 },
      { entity_group: 'LOC', score: 0.4, word: 'paris', start: 19, end: 24 },
    ]);
  });

  it('simple joins B- then I- of one tag and averages the scores; a new B- splits', () => {
    // "new york city paris": new B-LOC .9, york I-LOC .7, city I-LOC .8, paris B-LOC .6
    const t = 'new york city paris';
    const enc = tok.encode(t);
    const rows = [
      [0.2, 0.2, 0.2, 0.2, 0.2],
      [0.025, 0.025, 0.025, 0.9, 0.025],
      [0.1, 0.1, 0.05, 0.05, 0.7],
      [0.05, 0.05, 0.05, 0.05, 0.8],
      [0.1, 0.1, 0.1, 0.6, 0.1],
      [0.2, 0.2, 0.2, 0.2, 0.2],
    ];
    const out = tokenClassificationPostprocess({
      text: t,
      encoding: enc,
      logits: Float32Array.from(rows.flatMap(lnp)),
      id2label,
      tokenizer: tok,
      aggregationStrategy: 'simple',
    });
    // (0.9 + 0.7 + 0.8) / 3 = 0.8
    expect(close(out)).toEqual([
      { entity_group: 'LOC', score: 0.8, word: 'new york city', start: 0, end: 13 },
      { entity_group: 'LOC', score: 0.6, word: 'paris', start: 14, end: 19 },
    ]);
  });

  it('an [UNK] token reports the original text and starts a word', () => {
    // "Zork" is not in the toy vocabulary → [UNK] with offsets 0-4.
    const enc = tok.encode('Zork paris');
    const rows = [
      [0.2, 0.2, 0.2, 0.2, 0.2],
      [0.1, 0.7, 0.1, 0.05, 0.05],
      [0.1, 0.1, 0.1, 0.1, 0.6],
      [0.2, 0.2, 0.2, 0.2, 0.2],
    ];
    const out = tokenClassificationPostprocess({
      text: 'Zork paris',
      encoding: enc,
      logits: Float32Array.from(rows.flatMap(lnp)),
      id2label,
      tokenizer: tok,
      aggregationStrategy: 'none',
    });
    expect(close(out)).toEqual([
      { entity: 'B-PER', score: 0.7, index: 1, word: 'Zork', start: 0, end: 4 },
      { entity: 'I-LOC', score: 0.6, index: 2, word: 'paris', start: 5, end: 10 },
    ]);
  });

  it('refuses an unknown strategy', () => {
    expect(() => run('longest' as AggregationStrategy)).toThrow(expect.objectContaining({ code: 'INVALID_OPTION' }));
  });
});
