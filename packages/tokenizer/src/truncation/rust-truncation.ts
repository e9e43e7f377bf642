// Truncation as Hugging Face's Rust tokenizers does it (`truncate_encodings` + `Encoding::truncate`), which
// is what `ConvBertTokenizerFast` does in Python: each sequence is cut into windows of `maxLen` tokens that
// overlap by `stride`; the first window is the result, the others are the overflowing windows.
import { TokenizerError } from '../errors.js';
import type { Sequence } from '../sequence.js';
import { sliceSequence } from '../sequence.js';
import type { Side, TruncationStrategy } from './python-truncation.js';

/** The windows of one sequence, first = kept part. */
export type Windows = Sequence[];

export function windowsOf(s: Sequence, maxLen: number, stride: number, side: Side): Windows {
  const len = s.ids.length;
  if (maxLen >= len) return [s];
  if (maxLen === 0) return [sliceSequence(s, 0, 0), s];
  if (stride >= maxLen) {
    throw new TokenizerError(
      'STRIDE_TOO_LARGE',
      `stride (${stride}) must be smaller than the number of tokens kept from the truncated sequence (${maxLen}): lower stride or raise maxLength.`,
    );
  }
  const offset = maxLen - stride;
  const out: Windows = [];
  if (side === 'right') {
    for (let start = 0; start < len; start += offset) {
      const stop = Math.min(start + maxLen, len);
      out.push(sliceSequence(s, start, stop));
      if (stop === len) break;
    }
  } else {
    for (let r = len - 1; r >= 0; r -= offset) {
      const stop = r + 1;
      const start = stop < maxLen ? 0 : stop - maxLen;
      out.push(sliceSequence(s, start, stop));
      if (start === 0) break;
    }
  }
  return out;
}

/**
 * tokenizers 0.23.1+ (the engine that produced fast.jsonl) stops tokenizing a sequence once it has
 * `limit` tokens (the full max_length), at a word boundary — from the start, or from the end for left
 * truncation — before truncating it (huggingface/tokenizers#2091). What lies beyond is in no window.
 */
export function clipToWords(s: Sequence, limit: number, side: Side): Sequence {
  const n = s.ids.length;
  if (n <= limit || limit <= 0) return s;
  const w = s.words;
  if (side === 'right') {
    let end = limit;
    while (end < n && w[end] === w[end - 1]) end++;
    return sliceSequence(s, 0, end);
  }
  let start = n - limit;
  while (start > 0 && w[start - 1] === w[start]) start--;
  // the words left out were never pre-tokenized: word ids count from the first word kept
  const kept = sliceSequence(s, start, n);
  const first = kept.words[0];
  for (let i = 0; i < kept.words.length; i++) kept.words[i] -= first;
  return kept;
}

/**
 * Window lengths for the first and second sequence, as `truncate_encodings` computes them. With `clip`
 * (the full max_length), each sequence is first cut as tokenizers 0.23 does (see `clipToWords`).
 */
export function truncateRust(
  a0: Sequence,
  b0: Sequence | null,
  maxLength: number,
  strategy: TruncationStrategy,
  stride: number,
  side: Side,
  clip: number | null = null,
): { a: Windows; b: Windows | null } {
  const a = clip === null ? a0 : clipToWords(a0, clip, side);
  const b = clip === null || b0 === null ? b0 : clipToWords(b0, clip, side);
  const na = a.ids.length;
  const nb = b ? b.ids.length : 0;
  if (maxLength === 0) {
    return { a: windowsOf(a, 0, stride, side), b: b ? windowsOf(b, 0, stride, side) : null };
  }
  const total = na + nb;
  if (total <= maxLength) return { a: [a], b: b ? [b] : null };
  const toRemove = total - maxLength;
  if (strategy === 'longest_first') {
    if (b === null) return { a: windowsOf(a, total - toRemove, stride, side), b: null };
    let n1 = na;
    let n2 = nb;
    const swap = n1 > n2;
    if (swap) [n1, n2] = [n2, n1];
    n2 = n1 > maxLength ? n1 : Math.max(n1, maxLength - n1);
    if (n1 + n2 > maxLength) {
      n1 = Math.floor(maxLength / 2);
      n2 = n1 + (maxLength % 2);
    }
    if (swap) [n1, n2] = [n2, n1];
    return { a: windowsOf(a, n1, stride, side), b: windowsOf(b, n2, stride, side) };
  }
  if (strategy === 'only_first') {
    if (na > toRemove) return { a: windowsOf(a, na - toRemove, stride, side), b: b ? [b] : null };
    throw new TokenizerError(
      'SEQUENCE_TOO_SHORT',
      `Truncation must remove ${toRemove} tokens but the first sequence has only ${na}: raise maxLength or use another truncation strategy.`,
    );
  }
  if (b === null) {
    throw new TokenizerError(
      'SEQUENCE_TOO_SHORT',
      `Truncation 'only_second' must remove ${toRemove} tokens but there is no second sequence: give a text pair or use 'longest_first'.`,
    );
  }
  if (nb > toRemove) return { a: [a], b: windowsOf(b, nb - toRemove, stride, side) };
  throw new TokenizerError(
    'SEQUENCE_TOO_SHORT',
    `Truncation must remove ${toRemove} tokens but the second sequence has only ${nb}: raise maxLength or use another truncation strategy.`,
  );
}

/**
 * The (first, second) window pairs in the order Rust's `Encoding::merge_with` produces them: the main pair,
 * then for each further window of A: (Ai, B0), (Ai, B1)...; then (A0, Bj) for the further windows of B.
 */
export function windowPairs(a: Windows, b: Windows | null): [Sequence, Sequence | null][] {
  if (b === null) return a.map((w) => [w, null]);
  const out: [Sequence, Sequence | null][] = [[a[0], b[0]]];
  for (let i = 1; i < a.length; i++) {
    for (let j = 0; j < b.length; j++) out.push([a[i], b[j]]);
  }
  for (let j = 1; j < b.length; j++) out.push([a[0], b[j]]);
  return out;
}
