// The part of a tokenizer the heads and pipelines use. `@convbert/tokenizer`'s ConvBertTokenizer and
// ConvBertTokenizerFast satisfy it structurally; tests can pass a small hand-written one.

/** One encoded sequence (or one overflow window of it). */
export interface EncodingLike {
  inputIds: ArrayLike<number>;
  tokenTypeIds: ArrayLike<number>;
  attentionMask: ArrayLike<number>;
  /** 1 for [CLS] / [SEP] / [PAD] ..., 0 for tokens of the text. */
  specialTokensMask: ArrayLike<number>;
  tokens?: ArrayLike<string>;
  /** `[start, end)` character offsets of each token into the string it came from (`[0, 0]` for special tokens). */
  offsets: ArrayLike<readonly [number, number]>;
  /** Index of the word each token belongs to (null for special tokens). */
  wordIds?: ArrayLike<number | null>;
  /** 0 for the first text, 1 for the pair, null for special tokens. */
  sequenceIds?: ArrayLike<number | null>;
  /** Further windows when overflowing tokens were requested (fast-tokenizer style: each a full encoding). */
  overflowing?: ArrayLike<EncodingLike>;
}

/** The encode options the pipelines use. */
export interface EncodeOptionsLike {
  addSpecialTokens?: boolean;
  truncation?: boolean | 'longest_first' | 'only_first' | 'only_second';
  maxLength?: number;
  stride?: number;
  returnOverflowingTokens?: boolean;
  /**
   * Overflow windows over the whole text (what transformers 4.36's tokenizers did; `@convbert/tokenizer`
   * otherwise follows tokenizers 0.23, whose windows stop after `maxLength` tokens of text).
   */
  completeOverflow?: boolean;
}

/** The decode options the pipelines use. */
export interface DecodeOptionsLike {
  skipSpecialTokens?: boolean;
  cleanUpTokenizationSpaces?: boolean;
}

/** What the pipelines need of a tokenizer (both `@convbert/tokenizer` classes fit). */
export interface TokenizerLike {
  /** Encodes a text (and pair). */
  encode(text: string, textPair?: string | null, options?: EncodeOptionsLike): EncodingLike;
  /** Ids back to text. */
  decode(ids: readonly number[], options?: DecodeOptionsLike): string;
  /** The tokens of the ids. */
  convertIdsToTokens(ids: readonly number[]): string[];
  /** How sub-word tokens join into a word (`"micro", "##soft"` → `"microsoft"`); WordPiece's rule when absent. */
  convertTokensToString?(tokens: string[]): string;
  /** Id of a token string in the vocabulary, `undefined` when absent (Python's `get_vocab().get`). */
  tokenToId?(token: string): number | undefined;
  /** The vocabulary (used when `tokenToId` is absent). */
  getVocab?(): ReadonlyMap<string, number>;
  readonly maskTokenId: number;
  readonly padTokenId: number;
  readonly clsTokenId?: number;
  readonly unkTokenId?: number;
  readonly maskToken?: string;
  /** Longest input the model accepts (`model_max_length`). */
  readonly modelMaxLength?: number;
}

/** Number of Unicode code points: Python's `len`, which the reference compares. */
export function codePointLength(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}
