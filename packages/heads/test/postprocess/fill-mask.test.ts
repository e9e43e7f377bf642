// fillMaskPostprocess ranks with a k-element heap instead of sorting the vocabulary; its order
// must be a stable descending sort's (ties: lower id first), with and without targets.
import { describe, expect, it } from 'vitest';
import { fillMaskPostprocess } from '../../src/postprocess/fill-mask.js';

const V = 5000;
const tokenizer = { maskTokenId: 4, padTokenId: 0, decode: (xs: ArrayLike<number>) => Array.from(xs).join(' ') };

function logitsWithTies(seed: number): Float32Array {
  const l = new Float32Array(2 * V);
  let s = seed;
  for (let i = 0; i < l.length; i++) {
    s = (s * 1103515245 + 12345) % 2147483648;
    l[i] = (s % 97) / 7; // few distinct values: many ties
  }
  return l;
}

function bySort(row: Float32Array, candidates: number[], k: number): number[] {
  return [...candidates].sort((a, b) => (row[b] as number) - (row[a] as number) || a - b).slice(0, k);
}

describe('fill-mask top-k without sorting the vocabulary', () => {
  it.each([1, 5, 37, V])('top %i equals a stable full sort, scores are the softmax', (k) => {
    const logits = logitsWithTies(k);
    const [preds] = fillMaskPostprocess({ inputIds: [1, 4], logits, vocabSize: V, topK: k, tokenizer });
    const row = logits.subarray(V, 2 * V); // the [MASK] is position 1
    const all = Array.from({ length: V }, (_, i) => i);
    expect(preds?.map((p) => p.token)).toEqual(bySort(row, all, k));
    const max = Math.max(...row);
    const sum = row.reduce((a, x) => a + Math.exp(x - max), 0);
    preds?.forEach((p) => {
      expect(p.score).toBeCloseTo(Math.exp((row[p.token] as number) - max) / sum, 12);
    });
  });

  it('with targets: ranks only the targets, by the same order', () => {
    const logits = logitsWithTies(3);
    const targetIds = [17, 4000, 9, 2500, 33, 1234, 77];
    const [preds] = fillMaskPostprocess({ inputIds: [4, 1], logits, vocabSize: V, topK: 4, targetIds, tokenizer });
    expect(preds?.map((p) => p.token)).toEqual(bySort(logits.subarray(0, V), targetIds, 4));
  });
});
