// Padding (`PreTrainedTokenizerBase._pad` / Rust `Encoding::pad`): pad id, token type 0, attention 0,
// special-tokens mask 1, offsets (0, 0), word and sequence ids null. Overflowing windows are padded to the
// same length, as Rust does.
import type { Encoding } from './encoding.js';

export interface PadValues {
  padId: number;
  padToken: string;
  padTypeId: number;
}

export function roundUpToMultiple(length: number, multiple: number | null): number {
  if (multiple && multiple > 0 && length % multiple !== 0) return (Math.floor(length / multiple) + 1) * multiple;
  return length;
}

export function padEncoding(e: Encoding, target: number, side: 'left' | 'right', v: PadValues): void {
  for (const o of e.overflowing) padEncoding(o, target, side, v);
  const diff = target - e.inputIds.length;
  if (diff <= 0) return;
  const fill = <T>(value: T): T[] => new Array<T>(diff).fill(value);
  if (side === 'right') {
    // one by one, not push(...): a spread of more than ~100k arguments overflows the stack
    for (let i = 0; i < diff; i++) {
      e.inputIds.push(v.padId);
      e.tokenTypeIds.push(v.padTypeId);
      e.attentionMask.push(0);
      e.specialTokensMask.push(1);
      e.tokens.push(v.padToken);
      e.offsets.push([0, 0]);
      e.wordIds.push(null);
      e.sequenceIds.push(null);
    }
  } else {
    e.inputIds = fill(v.padId).concat(e.inputIds);
    e.tokenTypeIds = fill(v.padTypeId).concat(e.tokenTypeIds);
    e.attentionMask = fill(0).concat(e.attentionMask);
    e.specialTokensMask = fill(1).concat(e.specialTokensMask);
    e.tokens = fill(v.padToken).concat(e.tokens);
    e.offsets = Array.from({ length: diff }, (): [number, number] => [0, 0]).concat(e.offsets);
    e.wordIds = fill<number | null>(null).concat(e.wordIds);
    e.sequenceIds = fill<number | null>(null).concat(e.sequenceIds);
  }
}
