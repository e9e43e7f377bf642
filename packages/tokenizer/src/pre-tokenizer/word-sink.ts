/**
 * Receives the words of one sequence from the pre-tokenizer. A word is given as UTF-16 code units of its
 * normalised text (`units[0..length)`) plus, for each unit, the span of the ORIGINAL string it came from
 * (`starts[i]..ends[i]`, UTF-16 indices), so that sub-word pieces can be mapped back to the input.
 */
export interface WordSink {
  word(units: Uint16Array, length: number, codePoints: number, starts: Int32Array, ends: Int32Array, wordIndex: number): void;
  /** A whole whitespace-delimited token listed in `neverSplit` (Python tokenizer only). */
  unsplittable(text: string, start: number, end: number, wordIndex: number): void;
  /** A special token found verbatim in the text (e.g. "[MASK]"). */
  special(id: number, start: number, end: number, wordIndex: number): void;
}
