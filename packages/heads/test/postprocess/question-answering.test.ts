// QA span decoding on hand-made logits; expected spans and scores worked out by hand with the
// rules of transformers' QuestionAnsweringPipeline.
import { describe, expect, it } from 'vitest';
import { buildPMask, decodeSpans, type QaWindow, questionAnsweringPostprocess } from '../../src/postprocess/question-answering.js';
import { ToyTokenizer } from '../helpers/toy.js';

const tok = new ToyTokenizer();
const context = 'alpha beta gamma';
// [CLS] where [SEP] alpha beta gamma [SEP]   (question "where", context 3 tokens)
//   0     1     2     3     4     5     6
const enc = tok.encode('where', context);
const pMask = buildPMask(enc.sequenceIds ?? [], enc.inputIds, tok.clsTokenId);
const ln = Math.log;
// Desired tokens: [CLS] (0) and the context (3, 4, 5); the rest get -10000 before the softmax.
// start: exp weights {0: 1, 3: 2, 4: 4, 5: 1} / 8 ; end: {0: 2, 3: 1, 4: 1, 5: 4} / 8.
const window = (start: number[], end: number[]): QaWindow => ({
  startLogits: start,
  endLogits: end,
  pMask,
  attentionMask: enc.attentionMask,
  offsets: enc.offsets,
  wordIds: enc.wordIds,
  sequenceIds: enc.sequenceIds,
});
const w = window([ln(1), 9, 9, ln(2), ln(4), ln(1), 9], [ln(2), 9, 9, ln(1), ln(1), ln(4), 9]);
const round = <T extends { score: number }>(xs: T[]) => xs.map((x) => ({ ...x, score: Number(x.score.toFixed(8)) }));

describe('question-answering span decoding (hand-worked)', () => {
  it('p_mask: 1 on question and special tokens, 0 on context and [CLS]', () => {
    expect(Array.from(pMask)).toEqual([0, 1, 1, 0, 0, 0, 1]);
  });

  it('best span = argmax of P_start ⊗ P_end over context tokens', () => {
    // After zeroing [CLS]: P_start = [0,_,_, 2/8, 4/8, 1/8], P_end = [0,_,_, 1/8, 1/8, 4/8].
    // Spans (s ≤ e): (3,3) 2/64, (3,4) 2/64, (3,5) 8/64, (4,4) 4/64, (4,5) 16/64, (5,5) 4/64.
    // Best (4,5) = 0.25 → "beta gamma" at chars 6..16.
    expect(questionAnsweringPostprocess(context, [w], { topK: 1, maxAnswerLen: 15, handleImpossibleAnswer: false })).toEqual([
      { score: 0.25, start: 6, end: 16, answer: 'beta gamma' },
    ]);
  });

  it('topK orders spans by score; equal scores keep index order', () => {
    // 0.25 (4,5), 0.125 (3,5), then (4,4) and (5,5) tie at 0.0625: (4,4) comes first.
    expect(round(questionAnsweringPostprocess(context, [w], { topK: 3, maxAnswerLen: 15, handleImpossibleAnswer: false }))).toEqual([
      { score: 0.25, start: 6, end: 16, answer: 'beta gamma' },
      { score: 0.125, start: 0, end: 16, answer: 'alpha beta gamma' },
      { score: 0.0625, start: 6, end: 10, answer: 'beta' },
    ]);
  });

  it('maxAnswerLen 1 keeps single-token spans only', () => {
    // (4,4) = (5,5) = 4/64; (4,4) first.
    expect(questionAnsweringPostprocess(context, [w], { topK: 1, maxAnswerLen: 1, handleImpossibleAnswer: false })).toEqual([
      { score: 0.0625, start: 6, end: 10, answer: 'beta' },
    ]);
  });

  it('handleImpossibleAnswer: the null score P_start[CLS]·P_end[CLS] joins the ranking', () => {
    // Here null = 1/8 · 2/8 = 1/32, below the best span. Top 4 of: (4,4) 4/64, (5,5) 4/64, (3,3) 2/64,
    // null 2/64 (appended after the spans, so the stable sort puts it after (3,3)).
    expect(round(questionAnsweringPostprocess(context, [w], { topK: 4, maxAnswerLen: 1, handleImpossibleAnswer: true }))).toEqual([
      { score: 0.0625, start: 6, end: 10, answer: 'beta' },
      { score: 0.0625, start: 11, end: 16, answer: 'gamma' },
      { score: 0.03125, start: 0, end: 5, answer: 'alpha' },
      { score: 0.03125, start: 0, end: 0, answer: '' },
    ]);
    // [CLS]-heavy logits: start {0: 6, 3: 1, 4: 1, 5: 0} / 8 … use weights 6,1,1 and end 6,1,1 on (0,3,4)
    // with token 5 at 0 weight via -30 (e^-30 ≈ 0). null = (6/8)·(6/8) = 0.5625; best span (3,3) etc. = 1/64.
    const nullWins = window([ln(6), 9, 9, ln(1), ln(1), -30, 9], [ln(6), 9, 9, ln(1), ln(1), -30, 9]);
    const [best] = questionAnsweringPostprocess(context, [nullWins], { topK: 1, maxAnswerLen: 15, handleImpossibleAnswer: true });
    expect(best.answer).toBe('');
    expect(best.score).toBeCloseTo(0.5625, 6);
  });

  it('several windows: answers from every window compete; the null score is the smallest over windows', () => {
    // Window 2 is window 1 with its start logits for "gamma" raised: weights {0: 1, 3: 2, 4: 4, 5: 9}/16.
    const w2 = window([ln(1), 9, 9, ln(2), ln(4), ln(9), 9], [ln(2), 9, 9, ln(1), ln(1), ln(4), 9]);
    // w2: best (5,5) = 9/16 · 4/8 = 0.28125 beats w1's 0.25. Null: w1 1/32 = 0.03125, w2 1/16 · 2/8 = 0.015625.
    // Third place is a tie at 0.125 between w1 (3,5) = 2/8 · 4/8 and w2 (4,5) = 4/16 · 4/8: w1's comes first.
    const out = questionAnsweringPostprocess(context, [w, w2], { topK: 3, maxAnswerLen: 15, handleImpossibleAnswer: true });
    expect(round(out)).toEqual([
      { score: 0.28125, start: 11, end: 16, answer: 'gamma' },
      { score: 0.25, start: 6, end: 16, answer: 'beta gamma' },
      { score: 0.125, start: 0, end: 16, answer: 'alpha beta gamma' },
    ]);
    const withNull = questionAnsweringPostprocess(context, [w, w2], { topK: 20, maxAnswerLen: 15, handleImpossibleAnswer: true });
    expect(withNull.find((a) => a.answer === '')?.score).toBeCloseTo(0.015625, 9);
  });

  it('decodeSpans keeps the reference quirk: token 0 always passes the desired-token filter', () => {
    // desired = tokens 1 and 2 only; start/end put all mass on (0, 1) and (1, 1).
    const spans = decodeSpans([0.5, 0.5, 0], [0, 1, 0], 2, 15, [0, 1, 1]);
    expect(spans).toEqual({ starts: [0, 1], ends: [1, 1], scores: [0.5, 0.5] });
  });

  it('refuses topK < 1 and maxAnswerLen < 1', () => {
    expect(() => questionAnsweringPostprocess(context, [w], { topK: 0, maxAnswerLen: 15, handleImpossibleAnswer: false })).toThrow(
      expect.objectContaining({ code: 'INVALID_TOP_K' }),
    );
    expect(() => questionAnsweringPostprocess(context, [w], { topK: 1, maxAnswerLen: 0, handleImpossibleAnswer: false })).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION' }),
    );
  });
});
