/**
 * The tokens of one input text (before special tokens are added): ids, the UTF-16 span of the original
 * text each token covers, and the index of the word it belongs to.
 */
export interface Sequence {
  ids: number[];
  starts: number[];
  ends: number[];
  words: number[];
  /** token text where it is not the vocabulary entry of its id (an unknown `neverSplit` token) */
  texts?: Map<number, string>;
}

export function emptySequence(): Sequence {
  return { ids: [], starts: [], ends: [], words: [] };
}

export function sliceSequence(s: Sequence, from: number, to: number): Sequence {
  return {
    ids: s.ids.slice(from, to),
    starts: s.starts.slice(from, to),
    ends: s.ends.slice(from, to),
    words: s.words.slice(from, to),
  };
}
