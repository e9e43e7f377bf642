// Fill-mask, text-classification, multiple-choice and feature-extraction post-processing on
// hand-made logits with hand-worked results.
import { describe, expect, it } from 'vitest';
import { poolHiddenStates } from '../../src/postprocess/feature-extraction.js';
import { fillMaskPostprocess, resolveTargetIds } from '../../src/postprocess/fill-mask.js';
import { multipleChoicePostprocess } from '../../src/postprocess/multiple-choice.js';
import { defaultFunctionToApply, textClassificationPostprocess } from '../../src/postprocess/text-classification.js';
import { lnp, ToyTokenizer, VOCAB } from '../helpers/toy.js';

const tok = new ToyTokenizer();
const V = VOCAB.length;
const id = (t: string) => VOCAB.indexOf(t as (typeof VOCAB)[number]);

/** `[seq, V]` logits where row `pos` has the given token probabilities and other rows are flat. */
function mlmLogits(seq: number, rows: Record<number, Record<string, number>>): Float32Array {
  const out = new Float32Array(seq * V);
  for (const [pos, probs] of Object.entries(rows)) {
    const p = new Array(V).fill(0);
    for (const [t, v] of Object.entries(probs)) p[id(t)] = v;
    out.set(lnp(p), Number(pos) * V);
  }
  return out;
}

describe('fill-mask', () => {
  // "the [MASK] sat" → [CLS] the [MASK] sat [SEP]; at position 2: cat .5, dog .3, the .1, sat .1
  const enc = tok.encode('the [MASK] sat');
  const logits = mlmLogits(5, { 2: { cat: 0.5, dog: 0.3, the: 0.1, sat: 0.1 } });
  const base = { inputIds: enc.inputIds, logits, vocabSize: V, tokenizer: tok };

  it('top-k over the vocabulary with decoded sequences (special tokens skipped for one mask)', () => {
    const [preds] = fillMaskPostprocess({ ...base, topK: 2 });
    expect(preds.map((p) => ({ ...p, score: Number(p.score.toFixed(6)) }))).toEqual([
      { score: 0.5, token: id('cat'), token_str: 'cat', sequence: 'the cat sat' },
      { score: 0.3, token: id('dog'), token_str: 'dog', sequence: 'the dog sat' },
    ]);
  });

  it('targets: probabilities of the targets only (not renormalised), topK capped to their number', () => {
    const targetIds = resolveTargetIds(['sat', 'dog', 'dog'], tok);
    expect(targetIds).toEqual([id('sat'), id('dog')]);
    const [preds] = fillMaskPostprocess({ ...base, topK: 5, targetIds });
    expect(preds.map((p) => [p.token_str, Number(p.score.toFixed(6))])).toEqual([
      ['dog', 0.3],
      ['sat', 0.1],
    ]);
  });

  it('a target outside the vocabulary stands in by its first word piece; none at all is an error', () => {
    // "Microsoft" is not a vocabulary entry; its first piece is "micro".
    expect(resolveTargetIds('Microsoft', tok)).toEqual([id('micro')]);
    expect(() => resolveTargetIds(['   '], tok)).toThrow(expect.objectContaining({ code: 'UNKNOWN_TARGET' }));
  });

  it('several masks: one list per mask, sequences keep the special tokens (the other [MASK] shows)', () => {
    // "[MASK] cat [MASK]" → [CLS] [MASK] cat [MASK] [SEP]
    const e = tok.encode('[MASK] cat [MASK]');
    const l = mlmLogits(5, { 1: { the: 0.9, a: 0.1 }, 3: { sat: 0.6, dog: 0.4 } });
    const out = fillMaskPostprocess({ inputIds: e.inputIds, logits: l, vocabSize: V, tokenizer: tok, topK: 1 });
    expect(out.map((r) => r.map((p) => [p.token_str, Number(p.score.toFixed(6)), p.sequence]))).toEqual([
      [['the', 0.9, '[CLS] the cat [MASK] [SEP]']],
      [['sat', 0.6, '[CLS] [MASK] cat sat [SEP]']],
    ]);
  });

  it('pad tokens are dropped before decoding', () => {
    const ids = [...Array.from(enc.inputIds), 0, 0];
    const l = mlmLogits(7, { 2: { cat: 1 } });
    const [[p]] = fillMaskPostprocess({ inputIds: ids, logits: l, vocabSize: V, tokenizer: tok, topK: 1 });
    expect(p.sequence).toBe('the cat sat');
  });

  it('no [MASK] is an error', () => {
    const e = tok.encode('the cat sat');
    expect(() => fillMaskPostprocess({ ...base, inputIds: e.inputIds, topK: 1 })).toThrow(
      expect.objectContaining({ code: 'NO_MASK_TOKEN' }),
    );
  });
});

describe('text-classification', () => {
  const id2label = { 0: 'negative', 1: 'positive' };

  it('softmax / sigmoid / none', () => {
    // softmax([0, ln 3]) = [1/4, 3/4]; sigmoid(0) = 1/2, sigmoid(ln 3) = 3/4.
    const logits = [0, Math.log(3)];
    const soft = textClassificationPostprocess(logits, id2label, { functionToApply: 'softmax', topK: null });
    expect(soft.map((x) => [x.label, Number(x.score.toFixed(12))])).toEqual([
      ['positive', 0.75],
      ['negative', 0.25],
    ]);
    const sig = textClassificationPostprocess(logits, id2label, { functionToApply: 'sigmoid', topK: null });
    expect(sig.map((x) => [x.label, Number(x.score.toFixed(12))])).toEqual([
      ['positive', 0.75],
      ['negative', 0.5],
    ]);
    expect(textClassificationPostprocess(logits, id2label, { functionToApply: 'none', topK: 1 })).toEqual([
      { label: 'positive', score: Math.log(3) },
    ]);
  });

  it('defaults by problem_type and num_labels, as the reference decides', () => {
    expect(defaultFunctionToApply({ num_labels: 1 })).toBe('sigmoid');
    expect(defaultFunctionToApply({ num_labels: 3, problem_type: 'multi_label_classification' })).toBe('sigmoid');
    expect(defaultFunctionToApply({ num_labels: 3, problem_type: 'single_label_classification' })).toBe('softmax');
    // Regression with several outputs still gets softmax: the reference checks num_labels > 1 first.
    expect(defaultFunctionToApply({ num_labels: 2, problem_type: 'regression' })).toBe('softmax');
    expect(defaultFunctionToApply({ num_labels: 2, problem_type: null })).toBe('softmax');
  });

  it('ties keep label order (stable sort)', () => {
    expect(textClassificationPostprocess([1, 1], id2label, { functionToApply: 'softmax', topK: null }).map((x) => x.label)).toEqual([
      'negative',
      'positive',
    ]);
  });
});

describe('multiple-choice', () => {
  it('softmax over the choices, best first, each with its position in the list given', () => {
    // softmax([ln 2, 0, ln 5]) = [2, 1, 5] / 8
    const out = multipleChoicePostprocess([Math.log(2), 0, Math.log(5)], ['a', 'b', 'c']);
    expect(out.map((x) => [x.index, x.choice, Number(x.score.toFixed(12))])).toEqual([
      [2, 'c', 0.625],
      [0, 'a', 0.25],
      [1, 'b', 0.125],
    ]);
  });
});

describe('feature-extraction pooling', () => {
  // 3 tokens × 2 features; the third is padding (mask 0).
  const hidden = [1, 2, 3, 6, 100, 100];
  const mask = [1, 1, 0];
  it('none / cls / mean (mask-aware)', () => {
    expect(poolHiddenStates(hidden, 3, 2, mask, 'none', false)).toEqual({ data: Float32Array.from(hidden), dims: [3, 2] });
    expect(poolHiddenStates(hidden, 3, 2, mask, 'cls', false)).toEqual({ data: Float32Array.from([1, 2]), dims: [2] });
    // mean of (1,2) and (3,6) = (2, 4); the pad row is left out.
    expect(poolHiddenStates(hidden, 3, 2, mask, 'mean', false)).toEqual({ data: Float32Array.from([2, 4]), dims: [2] });
  });
  it('normalize scales each vector to unit length', () => {
    // (3, 4) / 5 = (0.6, 0.8); for none every row is normalised.
    const pooled = poolHiddenStates([3, 4, 0, 2], 2, 2, [1, 1], 'none', true);
    expect(Array.from(pooled.data)).toEqual([Math.fround(0.6), Math.fround(0.8), 0, 1]);
    const mean = poolHiddenStates([2, 4, 4, 4], 2, 2, [1, 1], 'mean', true); // mean (3, 4) → (0.6, 0.8)
    expect(Array.from(mean.data)).toEqual([Math.fround(0.6), Math.fround(0.8)]);
  });
});
