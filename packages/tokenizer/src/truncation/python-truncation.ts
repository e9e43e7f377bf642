// Truncation as Python's slow tokenizer does it (`PreTrainedTokenizerBase.truncate_sequences`).
// Where Python only logs an error and returns the sequence uncut, we throw: a sequence longer than the
// requested maximum would be silent garbage for the model.
import { TokenizerError } from '../errors.js';
import type { Sequence } from '../sequence.js';
import { sliceSequence } from '../sequence.js';

/** Which sequence of a pair truncation shortens: both, longest first (`longest_first`), or only one. */
export type TruncationStrategy = 'longest_first' | 'only_first' | 'only_second';
/** The side padding or truncation works from. */
export type Side = 'left' | 'right';

export interface PythonTruncation {
  a: Sequence;
  b: Sequence | null;
  /** the cut-off ids, preceded by up to `stride` ids kept in the window */
  overflowingTokens: number[];
}

function cut(s: Sequence, remove: number, stride: number, side: Side): { kept: Sequence; overflow: number[] } {
  const len = s.ids.length;
  const windowLen = Math.min(len, stride + remove);
  if (side === 'left') {
    return { kept: sliceSequence(s, remove, len), overflow: s.ids.slice(0, windowLen) };
  }
  return { kept: sliceSequence(s, 0, len - remove), overflow: s.ids.slice(len - windowLen) };
}

export function truncatePython(
  a: Sequence,
  b: Sequence | null,
  numTokensToRemove: number,
  strategy: TruncationStrategy,
  stride: number,
  side: Side,
): PythonTruncation {
  if (numTokensToRemove <= 0) return { a, b, overflowingTokens: [] };
  if (strategy === 'only_first' || (strategy === 'longest_first' && b === null)) {
    if (a.ids.length > numTokensToRemove) {
      const { kept, overflow } = cut(a, numTokensToRemove, stride, side);
      return { a: kept, b, overflowingTokens: overflow };
    }
    throw new TokenizerError(
      'SEQUENCE_TOO_SHORT',
      `Truncation must remove ${numTokensToRemove} tokens but the first sequence has only ${a.ids.length}: raise maxLength or use another truncation strategy (for a pair: 'longest_first' or 'only_second').`,
    );
  }
  if (strategy === 'longest_first' && b !== null) {
    // One token at a time from the longer sequence; on a tie from the pair (so the first keeps the extra one).
    let la = a.ids.length;
    let lb = b.ids.length;
    for (let k = 0; k < numTokensToRemove; k++) {
      if (la > lb) la--;
      else if (lb > 0) lb--;
    }
    const ka = side === 'left' ? sliceSequence(a, a.ids.length - la, a.ids.length) : sliceSequence(a, 0, la);
    const kb = side === 'left' ? sliceSequence(b, b.ids.length - lb, b.ids.length) : sliceSequence(b, 0, lb);
    return { a: ka, b: kb, overflowingTokens: [] };
  }
  // only_second
  if (b === null) {
    throw new TokenizerError(
      'SEQUENCE_TOO_SHORT',
      `Truncation 'only_second' must remove ${numTokensToRemove} tokens but there is no second sequence: give a text pair or use 'longest_first'.`,
    );
  }
  if (b.ids.length > numTokensToRemove) {
    const { kept, overflow } = cut(b, numTokensToRemove, stride, side);
    return { a, b: kept, overflowingTokens: overflow };
  }
  throw new TokenizerError(
    'SEQUENCE_TOO_SHORT',
    `Truncation must remove ${numTokensToRemove} tokens but the second sequence has only ${b.ids.length}: raise maxLength or use 'longest_first' / 'only_first'.`,
  );
}
