// A small WordPiece tokenizer and fixed-logit models for hand-worked pipeline tests. The tokenizer
// follows the behaviour the heads rely on (BERT specials, offsets, word ids, sequence ids, fast-style
// overflow windows with stride) on a vocabulary of a few words.
import { parseConfig } from '@convbert/config';
import type { EncodeOptionsLike, EncodingLike, TokenizerLike } from '../../src/tokenizer.js';

export const VOCAB = [
  '[PAD]',
  '[UNK]',
  '[CLS]',
  '[SEP]',
  '[MASK]',
  'the',
  'cat',
  'dog',
  'sat',
  'micro',
  '##soft',
  'in',
  'paris',
  'new',
  'york',
  'hello',
  'where',
  'is',
  '?',
  'alpha',
  'beta',
  'gamma',
  'delta',
  'a',
  'b',
  'c',
  'd',
  'e',
  'f',
  'city',
] as const;

const SPECIAL = new Set([0, 1, 2, 3, 4].filter((i) => i !== 1));

interface Piece {
  id: number;
  start: number;
  end: number;
  word: number;
}

export class ToyTokenizer implements TokenizerLike {
  readonly padTokenId = 0;
  readonly unkTokenId = 1;
  readonly clsTokenId = 2;
  readonly sepTokenId = 3;
  readonly maskTokenId = 4;
  readonly maskToken = '[MASK]';
  readonly modelMaxLength: number;
  private readonly ids = new Map<string, number>(VOCAB.map((t, i) => [t, i]));

  constructor(modelMaxLength = 512) {
    this.modelMaxLength = modelMaxLength;
  }

  tokenToId(token: string): number | undefined {
    return this.ids.get(token);
  }

  /** Words are runs of letters, "[MASK]", or single punctuation marks; lower-cased; greedy WordPiece. */
  private pieces(text: string): Piece[] {
    const out: Piece[] = [];
    const re = /\[MASK\]|[A-Za-z]+|[^\sA-Za-z]/g;
    let word = 0;
    for (const m of text.matchAll(re)) {
      const w = m[0];
      const at = m.index ?? 0;
      if (w === '[MASK]') {
        out.push({ id: this.maskTokenId, start: at, end: at + w.length, word: word++ });
        continue;
      }
      const lower = w.toLowerCase();
      const wordPieces: Piece[] = [];
      let i = 0;
      while (i < lower.length) {
        let j = lower.length;
        let id: number | undefined;
        while (j > i) {
          id = this.ids.get((i > 0 ? '##' : '') + lower.slice(i, j));
          if (id !== undefined) break;
          j--;
        }
        if (id === undefined) {
          wordPieces.length = 0;
          wordPieces.push({ id: this.unkTokenId, start: at, end: at + w.length, word });
          break;
        }
        wordPieces.push({ id, start: at + i, end: at + j, word });
        i = j;
      }
      out.push(...wordPieces);
      word++;
    }
    return out;
  }

  private build(a: Piece[], b: Piece[] | null, special: boolean): EncodingLike {
    const rows: { id: number; off: [number, number]; word: number | null; seq: number | null; type: number; sp: number }[] = [];
    const sp = (id: number, type: number) => rows.push({ id, off: [0, 0], word: null, seq: null, type, sp: 1 });
    if (special) sp(this.clsTokenId, 0);
    for (const p of a) rows.push({ id: p.id, off: [p.start, p.end], word: p.word, seq: 0, type: 0, sp: 0 });
    if (special) sp(this.sepTokenId, 0);
    if (b) {
      for (const p of b) rows.push({ id: p.id, off: [p.start, p.end], word: p.word, seq: 1, type: 1, sp: 0 });
      if (special) sp(this.sepTokenId, 1);
    }
    return {
      inputIds: rows.map((r) => r.id),
      tokenTypeIds: rows.map((r) => r.type),
      attentionMask: rows.map(() => 1),
      specialTokensMask: rows.map((r) => r.sp),
      tokens: rows.map((r) => VOCAB[r.id]),
      offsets: rows.map((r) => r.off),
      wordIds: rows.map((r) => r.word),
      sequenceIds: rows.map((r) => r.seq),
    };
  }

  encode(text: string, textPair?: string | null, options: EncodeOptionsLike = {}): EncodingLike {
    const special = options.addSpecialTokens ?? true;
    const a = this.pieces(text);
    const b = textPair === undefined || textPair === null ? null : this.pieces(textPair);
    const extra = special ? (b ? 3 : 2) : 0;
    const max = options.truncation ? options.maxLength : undefined;
    if (max === undefined || a.length + (b?.length ?? 0) + extra <= max) return this.build(a, b, special);
    if (!b) return this.build(a.slice(0, max - extra), null, special);
    // only_second with fast-tokenizer windows: each window holds `room` context pieces and the next
    // one starts `room - stride` pieces later.
    const room = max - extra - a.length;
    const stride = options.stride ?? 0;
    const windows: EncodingLike[] = [];
    for (let start = 0; ; start += room - stride) {
      windows.push(this.build(a, b.slice(start, start + room), special));
      if (start + room >= b.length || !options.returnOverflowingTokens) break;
    }
    return { ...windows[0], overflowing: windows.slice(1) };
  }

  convertIdsToTokens(ids: ArrayLike<number>): string[] {
    return Array.from(ids, (id) => VOCAB[id]);
  }

  decode(ids: ArrayLike<number>, options: { skipSpecialTokens?: boolean } = {}): string {
    const kept = Array.from(ids).filter((id) => !(options.skipSpecialTokens && SPECIAL.has(id)));
    return this.convertIdsToTokens(kept).join(' ').replaceAll(' ##', '').trim();
  }
}

export function toyConfig(fields: Record<string, unknown> = {}) {
  return parseConfig({
    model_type: 'convbert',
    vocab_size: VOCAB.length,
    hidden_size: 8,
    embedding_size: 8,
    num_attention_heads: 2,
    intermediate_size: 8,
    max_position_embeddings: 64,
    ...fields,
  });
}

/** Probabilities written as logits: softmax(ln p) = p when p sums to 1 (ln 0 = -∞ gives 0). */
export const lnp = (p: number[]) => p.map((x) => Math.log(x));
