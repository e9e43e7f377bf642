// FillMaskPipeline.postprocess of transformers 4.36, as a pure function of one sequence's logits.
import { HeadsError } from '../errors.js';
import type { TokenizerLike } from '../tokenizer.js';

/** One fill-mask candidate, as Hugging Face's pipeline returns it. */
export interface FillMaskPrediction {
  /** Probability of the token at this [MASK] (softmax over the whole vocabulary, also with `targets`). */
  score: number;
  token: number;
  token_str: string;
  /** The input with this token in the [MASK] position, decoded. */
  sequence: string;
}

export interface FillMaskPostprocessArgs {
  inputIds: ArrayLike<number>;
  /** `[seq, vocab]` logits of this sequence (row-major). */
  logits: ArrayLike<number>;
  vocabSize: number;
  topK: number;
  /** Restrict the candidates to these ids (deduplicated, see `resolveTargetIds`). */
  targetIds?: readonly number[];
  tokenizer: Pick<TokenizerLike, 'decode' | 'maskTokenId' | 'padTokenId'>;
}

/** Positions of the mask token in `inputIds`. */
export function maskPositions(inputIds: ArrayLike<number>, maskTokenId: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < inputIds.length; i++) if (inputIds[i] === maskTokenId) out.push(i);
  return out;
}

/**
 * One list of predictions per [MASK], in order. With one mask the decoded sequences skip special
 * tokens; with several they keep them so the other [MASK]s stay visible (the reference's rule).
 * Pad tokens are removed before decoding.
 */
export function fillMaskPostprocess(args: FillMaskPostprocessArgs): FillMaskPrediction[][] {
  const { inputIds, logits, vocabSize, targetIds, tokenizer } = args;
  const masks = maskPositions(inputIds, tokenizer.maskTokenId);
  if (masks.length === 0) {
    throw new HeadsError(
      'NO_MASK_TOKEN',
      'the input has no mask token: put the mask token (e.g. "[MASK]") where a word should be predicted',
    );
  }
  const topK = Math.min(args.topK, targetIds ? targetIds.length : vocabSize);
  const singleMask = masks.length === 1;
  return masks.map((pos) => {
    const offset = pos * vocabSize;
    // Softmax is monotonic: rank by logit, and turn only the k winners into probabilities.
    let max = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < vocabSize; i++) max = Math.max(max, logits[offset + i]);
    let sum = 0;
    for (let i = 0; i < vocabSize; i++) sum += Math.exp(logits[offset + i] - max);
    const count = targetIds ? targetIds.length : vocabSize;
    const logitOf = targetIds ? (k: number) => logits[offset + targetIds[k]] : (k: number) => logits[offset + k];
    return topKByValue(count, topK, logitOf).map((k) => {
      const token = targetIds ? targetIds[k] : k;
      const ids = Array.from(inputIds);
      ids[pos] = token;
      const kept = ids.filter((id) => id !== tokenizer.padTokenId);
      return {
        score: Math.exp(logitOf(k) - max) / sum,
        token,
        token_str: tokenizer.decode([token]),
        sequence: tokenizer.decode(kept, { skipSpecialTokens: singleMask }),
      };
    });
  });
}

/**
 * Indices of the k largest of `value(0..n-1)`, largest first, ties by lower index (a stable
 * descending sort's order), with a k-element min-heap: O(n log k), no n-element array or sort.
 */
function topKByValue(n: number, k: number, value: (i: number) => number): number[] {
  if (k <= 0) return [];
  const heap: number[] = []; // indices; heap[0] is the weakest kept
  const weaker = (a: number, b: number) => {
    const va = value(a);
    const vb = value(b);
    return va < vb || (va === vb && a > b);
  };
  const down = (start: number) => {
    let i = start;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && weaker(heap[l], heap[m])) m = l;
      if (r < heap.length && weaker(heap[r], heap[m])) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m], heap[i]];
      i = m;
    }
  };
  for (let i = 0; i < n; i++) {
    if (heap.length < k) {
      heap.push(i);
      for (let c = heap.length - 1; c > 0; ) {
        const parent = (c - 1) >> 1;
        if (!weaker(heap[c], heap[parent])) break;
        [heap[c], heap[parent]] = [heap[parent], heap[c]];
        c = parent;
      }
    } else if (weaker(heap[0], i)) {
      heap[0] = i;
      down(0);
    }
  }
  return heap.sort((a, b) => (weaker(a, b) ? 1 : weaker(b, a) ? -1 : 0));
}

/**
 * `get_target_ids`: a target found in the vocabulary is used as is; otherwise its first word piece
 * stands in for it (the reference logs a warning); one with no word piece at all is dropped.
 * Duplicates are removed (first occurrence kept).
 */
export function resolveTargetIds(
  targets: string | readonly string[],
  tokenizer: Pick<TokenizerLike, 'tokenToId' | 'getVocab' | 'encode'>,
): number[] {
  const list = typeof targets === 'string' ? [targets] : targets;
  const vocab = tokenizer.tokenToId ? undefined : tokenizer.getVocab?.();
  const ids: number[] = [];
  for (const target of list) {
    let id = tokenizer.tokenToId ? tokenizer.tokenToId(target) : vocab?.get(target);
    if (id === undefined) {
      const enc = tokenizer.encode(target, null, { addSpecialTokens: false, truncation: true, maxLength: 1 });
      if (enc.inputIds.length === 0) continue;
      id = enc.inputIds[0];
    }
    if (!ids.includes(id)) ids.push(id);
  }
  if (ids.length === 0) {
    throw new HeadsError('UNKNOWN_TARGET', `none of the targets ${JSON.stringify(list)} gives a token: pass words of the vocabulary`);
  }
  return ids;
}
