// BERT's template: `[CLS] A [SEP]` and `[CLS] A [SEP] B [SEP]`, token types 0 for the first part and 1 for
// `B [SEP]` (`build_inputs_with_special_tokens`, `create_token_type_ids_from_sequences`, and the Rust
// TemplateProcessing in tokenizer.json). Offsets of added tokens are (0, 0), word/sequence ids null.
import type { Encoding } from '../encoding.js';
import type { Sequence } from '../sequence.js';

export class BertPostProcessor {
  readonly clsId: number;
  readonly sepId: number;
  /** token type of `B` and its `[SEP]` */
  readonly pairTypeId: number;

  /**
   * Token type of the pair when special tokens are not added: Python's slow tokenizer uses 0, Rust's
   * template still applies `$B:1`.
   */
  readonly pairTypeWithoutSpecialTokens: number;

  constructor(clsId: number, sepId: number, pairTypeId: number, pairTypeWithoutSpecialTokens: number) {
    this.clsId = clsId;
    this.sepId = sepId;
    this.pairTypeId = pairTypeId;
    this.pairTypeWithoutSpecialTokens = pairTypeWithoutSpecialTokens;
  }

  numSpecialTokensToAdd(pair: boolean): number {
    return pair ? 3 : 2;
  }

  buildInputsWithSpecialTokens(ids0: readonly number[], ids1?: readonly number[] | null): number[] {
    if (ids1 == null) return [this.clsId, ...ids0, this.sepId];
    return [this.clsId, ...ids0, this.sepId, ...ids1, this.sepId];
  }

  createTokenTypeIds(ids0: readonly number[], ids1?: readonly number[] | null): number[] {
    const first = new Array<number>(ids0.length + 2).fill(0);
    if (ids1 == null) return first;
    return first.concat(new Array<number>(ids1.length + 1).fill(this.pairTypeId));
  }

  specialTokensMask(ids0: readonly number[], ids1?: readonly number[] | null): number[] {
    const out = [1, ...new Array<number>(ids0.length).fill(0), 1];
    if (ids1 == null) return out;
    return out.concat(new Array<number>(ids1.length).fill(0), [1]);
  }

  /** Assembles the encoding of one window; `tokens` comes from `idToToken`. */
  process(a: Sequence, b: Sequence | null, addSpecialTokens: boolean, idToToken: readonly string[]): Encoding {
    const n = a.ids.length + (b ? b.ids.length : 0) + (addSpecialTokens ? (b ? 3 : 2) : 0);
    const inputIds: number[] = new Array(n);
    const tokenTypeIds: number[] = new Array(n);
    const attentionMask: number[] = new Array(n);
    const specialTokensMask: number[] = new Array(n);
    const tokens: string[] = new Array(n);
    const offsets: [number, number][] = new Array(n);
    const wordIds: (number | null)[] = new Array(n);
    const sequenceIds: (number | null)[] = new Array(n);
    let k = 0;
    const special = (id: number, type: number): void => {
      inputIds[k] = id;
      tokenTypeIds[k] = type;
      attentionMask[k] = 1;
      specialTokensMask[k] = 1;
      tokens[k] = idToToken[id];
      offsets[k] = [0, 0];
      wordIds[k] = null;
      sequenceIds[k] = null;
      k++;
    };
    const seq = (s: Sequence, type: number, seqId: number): void => {
      const { ids, starts, ends, words } = s;
      for (let i = 0; i < ids.length; i++) {
        const id = ids[i];
        inputIds[k] = id;
        tokenTypeIds[k] = type;
        attentionMask[k] = 1;
        specialTokensMask[k] = 0;
        tokens[k] = idToToken[id];
        offsets[k] = [starts[i], ends[i]];
        wordIds[k] = words[i];
        sequenceIds[k] = seqId;
        k++;
      }
    };
    if (addSpecialTokens) special(this.clsId, 0);
    seq(a, 0, 0);
    if (addSpecialTokens) special(this.sepId, 0);
    if (b) {
      const t = addSpecialTokens ? this.pairTypeId : this.pairTypeWithoutSpecialTokens;
      seq(b, t, 1);
      if (addSpecialTokens) special(this.sepId, t);
    }
    return {
      inputIds,
      tokenTypeIds,
      attentionMask,
      specialTokensMask,
      tokens,
      offsets,
      wordIds,
      sequenceIds,
      overflowing: [],
    };
  }
}
