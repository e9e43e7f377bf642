// QuestionAnsweringPipeline's span decoding (transformers 4.36: select_starts_ends, decode_spans and
// the fast-tokenizer branch of postprocess), as pure functions over the windows of one example.
import { HeadsError } from '../errors.js';

/** The reference masks non-context logits with this value (not -inf) before the softmax. */
const MASKED_LOGIT = -10000;

/** One answer span, as Hugging Face's pipeline returns it. */
export interface QuestionAnsweringAnswer {
  score: number;
  /** Character offsets of the answer in the context (`[0, 0)` for the impossible answer). */
  start: number;
  end: number;
  answer: string;
}

/** One window (feature) of a (question, context) pair with the model's logits for it. */
export interface QaWindow {
  startLogits: ArrayLike<number>;
  endLogits: ArrayLike<number>;
  /** 1 where a token cannot be part of the answer (question, special tokens), 0 for context and [CLS]. */
  pMask: ArrayLike<number>;
  attentionMask?: ArrayLike<number>;
  offsets: ArrayLike<readonly [number, number]>;
  wordIds?: ArrayLike<number | null>;
  sequenceIds?: ArrayLike<number | null>;
}

export interface SpanCandidates {
  starts: number[];
  ends: number[];
  scores: number[];
}

/**
 * The top-k (start, end) pairs of the outer product `start ⊗ end`, keeping end ≥ start and
 * end − start < maxAnswerLen, then dropping pairs that touch an undesired token.
 *
 * Quirk kept from the reference: it tests membership against `undesired.nonzero()` of a `[1, L]`
 * array, a tuple whose first array holds the row indices (all 0), so token index 0 always passes
 * the filter when any token is desired. Ties (such as zero-probability spans) are ordered by flat
 * index here; numpy leaves their order unspecified.
 */
export function decodeSpans(
  start: ArrayLike<number>,
  end: ArrayLike<number>,
  topK: number,
  maxAnswerLen: number,
  desired: ArrayLike<number>,
): SpanCandidates {
  const n = start.length;
  const flat: number[] = new Array(n * n);
  for (let s = 0; s < n; s++) {
    for (let e = 0; e < n; e++) flat[s * n + e] = e >= s && e - s <= maxAnswerLen - 1 ? start[s] * end[e] : 0;
  }
  const order = Array.from({ length: flat.length }, (_, i) => i);
  if (topK === 1) {
    let best = 0;
    for (let i = 1; i < flat.length; i++) if (flat[i] > flat[best]) best = i;
    order.length = 0;
    order.push(best);
  } else {
    order.sort((a, b) => flat[b] - flat[a] || a - b);
    order.length = Math.min(topK, flat.length);
  }
  let anyDesired = false;
  for (let i = 0; i < n; i++) if (desired[i]) anyDesired = true;
  const ok = (i: number) => Boolean(desired[i]) || (i === 0 && anyDesired);
  const out: SpanCandidates = { starts: [], ends: [], scores: [] };
  for (const idx of order) {
    const s = Math.floor(idx / n);
    const e = idx % n;
    if (!ok(s) || !ok(e)) continue;
    out.starts.push(s);
    out.ends.push(e);
    out.scores.push(flat[idx]);
  }
  return out;
}

function maskedSoftmax(logits: ArrayLike<number>, desired: Uint8Array): number[] {
  const x = Array.from(logits, (v, i) => (desired[i] ? v : MASKED_LOGIT));
  const max = Math.max(...x);
  const e = x.map((v) => Math.exp(v - max));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / sum);
}

/**
 * Softmax of start and end logits over the desired tokens (context and [CLS]), the null score
 * (P_start[CLS]·P_end[CLS]) when impossible answers are handled, then [CLS] is zeroed and spans
 * decoded. Returns the spans and the running minimum null score.
 */
export function selectStartsEnds(
  window: Pick<QaWindow, 'startLogits' | 'endLogits' | 'pMask' | 'attentionMask'>,
  minNullScore: number,
  topK: number,
  handleImpossibleAnswer: boolean,
  maxAnswerLen: number,
): SpanCandidates & { minNullScore: number } {
  const n = window.startLogits.length;
  if (window.endLogits.length !== n || window.pMask.length !== n) {
    throw new HeadsError(
      'MODEL_OUTPUT',
      `question-answering window: ${n} start logits, ${window.endLogits.length} end logits, ${window.pMask.length} p_mask values`,
    );
  }
  const desired = new Uint8Array(n);
  for (let i = 0; i < n; i++) desired[i] = (1 - window.pMask[i]) & (window.attentionMask ? window.attentionMask[i] : 1);
  const start = maskedSoftmax(window.startLogits, desired);
  const end = maskedSoftmax(window.endLogits, desired);
  let nullScore = minNullScore;
  if (handleImpossibleAnswer) nullScore = Math.min(nullScore, start[0] * end[0]);
  start[0] = 0;
  end[0] = 0;
  return { ...decodeSpans(start, end, topK, maxAnswerLen, desired), minNullScore: nullScore };
}

/**
 * Character span of tokens s..e. With `alignToWords` the span widens to whole words of the context
 * (token_to_word + word_to_chars on sequence 1); a token outside any word falls back to its offsets.
 */
export function spanToChars(window: QaWindow, s: number, e: number, alignToWords: boolean): [number, number] {
  if (alignToWords && window.wordIds && window.sequenceIds) {
    const wordChars = (t: number): [number, number] | null => {
      const word = window.wordIds?.[t];
      if (word === null || word === undefined) return null;
      let first = -1;
      let last = -1;
      for (let i = 0; i < window.offsets.length; i++) {
        if (window.wordIds?.[i] === word && window.sequenceIds?.[i] === 1) {
          if (first < 0) first = i;
          last = i;
        }
      }
      return first < 0 ? null : [window.offsets[first][0], window.offsets[last][1]];
    };
    const a = wordChars(s);
    const b = wordChars(e);
    if (a && b) return [a[0], b[1]];
  }
  return [window.offsets[s][0], window.offsets[e][1]];
}

export interface QuestionAnsweringOptions {
  topK: number;
  handleImpossibleAnswer: boolean;
  maxAnswerLen: number;
  alignToWords?: boolean;
}

/**
 * Answers of one example over all its windows: every window contributes its top-k spans, the
 * impossible answer `{start: 0, end: 0, answer: ''}` scored by the smallest null score joins when
 * asked for, and the best `topK` are kept (stable sort, best first).
 */
export function questionAnsweringPostprocess(
  context: string,
  windows: readonly QaWindow[],
  options: QuestionAnsweringOptions,
): QuestionAnsweringAnswer[] {
  const { topK, handleImpossibleAnswer, maxAnswerLen } = options;
  if (!Number.isInteger(topK) || topK < 1) throw new HeadsError('INVALID_TOP_K', `topK must be an integer ≥ 1, got ${topK}`);
  if (!Number.isInteger(maxAnswerLen) || maxAnswerLen < 1) {
    throw new HeadsError('INVALID_OPTION', `maxAnswerLen must be an integer ≥ 1, got ${maxAnswerLen}`);
  }
  let minNullScore = 1000000;
  const answers: QuestionAnsweringAnswer[] = [];
  for (const w of windows) {
    const spans = selectStartsEnds(w, minNullScore, topK, handleImpossibleAnswer, maxAnswerLen);
    minNullScore = spans.minNullScore;
    for (let i = 0; i < spans.starts.length; i++) {
      const [start, end] = spanToChars(w, spans.starts[i], spans.ends[i], options.alignToWords ?? true);
      answers.push({ score: spans.scores[i], start, end, answer: context.slice(start, end) });
    }
  }
  if (handleImpossibleAnswer) answers.push({ score: minNullScore, start: 0, end: 0, answer: '' });
  answers.sort((a, b) => b.score - a.score);
  return answers.slice(0, topK);
}

/**
 * p_mask as the reference builds it for (question, context) windows: 1 for every token that is not
 * in sequence 1 (question and special tokens), except [CLS] positions, which stay 0.
 */
export function buildPMask(sequenceIds: ArrayLike<number | null>, inputIds: ArrayLike<number>, clsTokenId?: number): Uint8Array {
  const p = new Uint8Array(sequenceIds.length);
  for (let i = 0; i < p.length; i++) p[i] = sequenceIds[i] === 1 ? 0 : 1;
  if (clsTokenId !== undefined) for (let i = 0; i < p.length; i++) if (inputIds[i] === clsTokenId) p[i] = 0;
  return p;
}
