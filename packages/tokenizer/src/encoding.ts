// The result type shared by both tokenizers (the shape of a Hugging Face `BatchEncoding` for one input,
// plus what the Rust `Encoding` carries: tokens, offsets, word and sequence ids).

/** What `encode` returns, named as in Python's `BatchEncoding` (camelCase): one row, plus its overflow windows. */
export interface Encoding {
  inputIds: number[];
  tokenTypeIds: number[];
  attentionMask: number[];
  specialTokensMask: number[];
  tokens: string[];
  /** `[start, end)` into the ORIGINAL text of the token's sequence; `[0, 0]` for added special tokens. */
  offsets: [number, number][];
  /** Index of the word (pre-token) in its sequence; null for added special tokens and padding. */
  wordIds: (number | null)[];
  /** 0 for the first text, 1 for the pair; null for added special tokens and padding. */
  sequenceIds: (number | null)[];
  /** The further windows when `returnOverflowingTokens` is set (fast-tokenizer semantics, see README). */
  overflowing: Encoding[];
  /**
   * `ConvBertTokenizer` with `returnOverflowingTokens` only: what the Python slow tokenizer returns —
   * the cut-off ids preceded by `stride` ids of context, and `total length - maxLength`.
   */
  overflowingTokens?: number[];
  numTruncatedTokens?: number;
}
