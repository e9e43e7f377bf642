// What both tokenizers share: the encode driver (truncation, special tokens, padding, offsets), batching,
// decoding entry points and the four documented helper methods. A subclass supplies how one text becomes
// a `Sequence` and which reference (Python slow or Rust fast) to follow where they differ.
import type { Encoding } from './encoding.js';
import { TokenizerError } from './errors.js';
import type { Flavour } from './normalizer/char-table.js';
import { codePointIndexMap } from './offsets.js';
import type { EncodeOptions, ResolvedEncodeOptions, ResolvedTokenizerOptions } from './options.js';
import { resolveEncodeOptions } from './options.js';
import { padEncoding, roundUpToMultiple } from './padding.js';
import { BertPostProcessor } from './post-processor/special-tokens.js';
import type { Sequence } from './sequence.js';
import { truncatePython } from './truncation/python-truncation.js';
import { truncateRust, windowPairs } from './truncation/rust-truncation.js';

export type TextInput = string | readonly [string, string | null | undefined];

export interface DecodeOptions {
  /** default false */
  skipSpecialTokens?: boolean;
  /** default: the tokenizer's cleanUpTokenizationSpaces (true for ConvBERT) */
  cleanUpTokenizationSpaces?: boolean;
}

/** Above this many UTF-16 units an input is refused, so that a runaway input fails fast instead of
 * exhausting memory (the default is far above any real document; see `maxInputLength`). */
export const DEFAULT_MAX_INPUT_LENGTH = 64 * 1024 * 1024;

/** Token ids as callers have them: plain arrays (numbers or bigints) or typed arrays, such as a model's int64 output. */
export type TokenIds = readonly number[] | readonly bigint[] | ArrayLike<number> | ArrayLike<bigint>;

/** A bigint id as a number (ids are far below 2^53); anything else as it is, for the id check to judge. */
function toIdNumber(id: unknown): number {
  return typeof id === 'bigint' ? Number(id) : (id as number);
}

/** The ids of a plain or typed array as numbers; a string, an object or a DataView is refused. */
function idList(ids: unknown): number[] {
  const typed = ArrayBuffer.isView(ids) && !(ids instanceof DataView);
  if (!Array.isArray(ids) && !typed) {
    const got = ids === null ? 'null' : typeof ids === 'object' ? ((ids as object).constructor?.name ?? 'an object') : typeof ids;
    throw new TokenizerError('INVALID_IDS', `ids must be an array or typed array of token ids (numbers or bigints), got ${got}.`);
  }
  return Array.from(ids as ArrayLike<unknown>, toIdNumber);
}

export abstract class BaseTokenizer {
  protected abstract readonly flavour: Flavour;
  protected readonly options: ResolvedTokenizerOptions;
  protected readonly idToToken: readonly string[];
  protected readonly postProcessor: BertPostProcessor;
  readonly unkTokenId: number;
  readonly sepTokenId: number;
  readonly padTokenId: number;
  readonly clsTokenId: number;
  readonly maskTokenId: number;
  /** ids treated as special by `skipSpecialTokens` and `alreadyHasSpecialTokens` */
  protected readonly allSpecialIds: ReadonlySet<number>;
  maxInputLength = DEFAULT_MAX_INPUT_LENGTH;

  protected constructor(
    options: ResolvedTokenizerOptions,
    idToToken: readonly string[],
    tokenToId: (t: string) => number | undefined,
    flavour: Flavour,
  ) {
    this.options = options;
    this.idToToken = idToToken;
    const need = (name: string, token: string): number => {
      const id = tokenToId(token);
      if (id === undefined) {
        throw new TokenizerError(
          'MISSING_SPECIAL_TOKEN',
          `The vocabulary has no ${name} token ${JSON.stringify(token)}: use the vocab.txt / tokenizer.json of the checkpoint, or pass ${name}Token in the options.`,
        );
      }
      return id;
    };
    this.unkTokenId = need('unk', options.unkToken);
    this.sepTokenId = need('sep', options.sepToken);
    this.padTokenId = need('pad', options.padToken);
    this.clsTokenId = need('cls', options.clsToken);
    this.maskTokenId = need('mask', options.maskToken);
    this.allSpecialIds = new Set([this.unkTokenId, this.sepTokenId, this.padTokenId, this.clsTokenId, this.maskTokenId]);
    this.postProcessor = new BertPostProcessor(this.clsTokenId, this.sepTokenId, 1, flavour === 'python' ? 0 : 1);
  }

  /** Tokens of one text, no special tokens added. */
  protected abstract encodeSequence(text: string): Sequence;
  protected abstract tokensToText(tokens: string[], cleanUp: boolean): string;
  abstract get vocabSize(): number;
  abstract convertTokensToString(tokens: readonly string[]): string;
  abstract saveVocabulary(): string;
  protected abstract tokenId(token: string): number | undefined;

  get unkToken(): string {
    return this.options.unkToken;
  }
  get sepToken(): string {
    return this.options.sepToken;
  }
  get padToken(): string {
    return this.options.padToken;
  }
  get clsToken(): string {
    return this.options.clsToken;
  }
  get maskToken(): string {
    return this.options.maskToken;
  }
  get modelMaxLength(): number {
    return this.options.modelMaxLength;
  }
  get paddingSide(): 'left' | 'right' {
    return this.options.paddingSide;
  }
  get truncationSide(): 'left' | 'right' {
    return this.options.truncationSide;
  }
  get allSpecialTokens(): string[] {
    // transformers' order: unk, sep, pad, cls, mask
    return [this.unkToken, this.sepToken, this.padToken, this.clsToken, this.maskToken];
  }
  get allSpecialTokenIds(): number[] {
    return [this.unkTokenId, this.sepTokenId, this.padTokenId, this.clsTokenId, this.maskTokenId];
  }

  protected checkText(text: unknown, what: string): string {
    if (typeof text !== 'string') {
      throw new TokenizerError(
        'INVALID_INPUT',
        `${what} must be a string (got ${text === null ? 'null' : Array.isArray(text) ? 'an array' : typeof text}); for several texts use encodeBatch.`,
      );
    }
    if (text.length > this.maxInputLength) {
      throw new TokenizerError(
        'INVALID_INPUT',
        `${what} is ${text.length} UTF-16 units long, over the limit of ${this.maxInputLength}: split it, or raise tokenizer.maxInputLength.`,
      );
    }
    return text;
  }

  /** Python's `tokenize(text)`: the tokens of the text (and pair), without special tokens. */
  tokenize(text: string, textPair?: string | null): string[] {
    const out: string[] = [];
    for (const t of textPair == null ? [text] : [text, textPair]) {
      const s = this.encodeSequence(this.checkText(t, 'text'));
      for (let i = 0; i < s.ids.length; i++) out.push(s.texts?.get(i) ?? this.idToToken[s.ids[i]]);
    }
    return out;
  }

  encode(text: string, textPair?: string | null | EncodeOptions, options?: EncodeOptions): Encoding {
    let pair: string | null = null;
    let opts = options;
    if (textPair !== null && typeof textPair === 'object') opts = textPair;
    else if (textPair !== undefined && textPair !== null) pair = textPair as string;
    const o = resolveEncodeOptions(opts, this.options.modelMaxLength, this.options.paddingSide);
    const enc = this.encodeOne(text, pair, o);
    if (o.padding !== 'none') {
      const target = o.padding === 'longest' ? enc.inputIds.length : (o.maxLength as number);
      this.pad([enc], roundUpToMultiple(target, o.padToMultipleOf), o);
    }
    return enc;
  }

  /** Several inputs (strings or [text, pair] tuples), padded together when `padding` asks for it. */
  encodeBatch(inputs: readonly TextInput[], options?: EncodeOptions): Encoding[] {
    if (!Array.isArray(inputs)) {
      throw new TokenizerError('INVALID_INPUT', 'encodeBatch needs an array of strings or [text, pair] tuples.');
    }
    const o = resolveEncodeOptions(options, this.options.modelMaxLength, this.options.paddingSide);
    const out = inputs.map((x, i) => {
      if (typeof x === 'string') return this.encodeOne(x, null, o);
      if (Array.isArray(x) && (x.length === 1 || x.length === 2)) return this.encodeOne(x[0], x[1] ?? null, o);
      throw new TokenizerError('INVALID_INPUT', `encodeBatch input ${i} must be a string or a [text, pair] tuple.`);
    });
    if (o.padding !== 'none' && out.length > 0) {
      const target = o.padding === 'longest' ? out.reduce((m, e) => Math.max(m, e.inputIds.length), 0) : (o.maxLength as number);
      this.pad(out, roundUpToMultiple(target, o.padToMultipleOf), o);
    }
    return out;
  }

  private pad(encodings: Encoding[], target: number, o: ResolvedEncodeOptions): void {
    const v = { padId: this.padTokenId, padToken: this.padToken, padTypeId: 0 };
    for (const e of encodings) padEncoding(e, target, o.paddingSide, v);
  }

  private encodeOne(text: string, textPair: string | null, o: ResolvedEncodeOptions): Encoding {
    this.checkText(text, 'text');
    if (textPair !== null) this.checkText(textPair, 'textPair');
    const python = this.flavour === 'python';
    if (python && o.returnOverflowingTokens && textPair !== null && o.truncation === 'longest_first') {
      throw new TokenizerError(
        'OVERFLOW_NOT_SUPPORTED',
        "ConvBertTokenizer cannot return overflowing tokens for a pair with 'longest_first' truncation (the Python tokenizer raises too): use truncation 'only_second' or 'only_first', or ConvBertTokenizerFast.",
      );
    }
    const a = this.encodeSequence(text);
    const b = textPair !== null ? this.encodeSequence(textPair) : null;
    const nSpecial = o.addSpecialTokens ? this.postProcessor.numSpecialTokensToAdd(b !== null) : 0;
    let windows: [Sequence, Sequence | null][] = [[a, b]];
    let overflowingTokens: number[] = [];
    let numTruncatedTokens = 0;
    if (o.truncation !== null && o.maxLength !== null) {
      const total0 = a.ids.length + (b ? b.ids.length : 0) + nSpecial;
      // Exactly nSpecial leaves 0 tokens of text: Python refuses that truncation, and Rust would put the
      // whole text into overflowing windows longer than maxLength.
      if (o.maxLength < nSpecial || (o.maxLength === nSpecial && total0 > o.maxLength)) {
        throw new TokenizerError(
          'MAX_LENGTH_TOO_SMALL',
          `maxLength ${o.maxLength} leaves no room for the ${nSpecial} special tokens of a ${b ? 'pair' : 'single text'}: use at least ${nSpecial + 1}.`,
        );
      }
      const side = this.options.truncationSide;
      const clip = o.completeOverflow ? null : o.maxLength;
      const total = a.ids.length + (b ? b.ids.length : 0) + nSpecial;
      if (python) {
        if (total > o.maxLength) {
          const r = truncatePython(a, b, total - o.maxLength, o.truncation, o.stride, side);
          windows = [[r.a, r.b]];
          overflowingTokens = r.overflowingTokens;
        }
        numTruncatedTokens = total - o.maxLength;
        if (o.returnOverflowingTokens) {
          const w = truncateRust(a, b, o.maxLength - nSpecial, o.truncation, o.stride, side, clip);
          windows = windows.concat(windowPairs(w.a, w.b).slice(1));
        }
      } else {
        const w = truncateRust(a, b, o.maxLength - nSpecial, o.truncation, o.stride, side, clip);
        const pairs = windowPairs(w.a, w.b);
        windows = o.returnOverflowingTokens ? pairs : [pairs[0]];
      }
      const budget = o.maxLength - nSpecial;
      if (windows.some(([wa, wb]) => wa.ids.length + (wb ? wb.ids.length : 0) > budget)) {
        // Rust cuts one sequence of a pair to 0 tokens when only 1 is left for both, and its overflowing
        // windows then exceed maxLength: refuse rather than hand the model oversized input.
        throw new TokenizerError(
          'MAX_LENGTH_TOO_SMALL',
          `maxLength ${o.maxLength} leaves ${budget} token(s) for a pair: the windows cannot hold both texts. Raise maxLength or use 'only_first' / 'only_second'.`,
        );
      }
    }
    const encs = windows.map(([wa, wb]) => this.postProcessor.process(wa, wb, o.addSpecialTokens, this.idToToken));
    if (o.offsetUnits === 'codepoints') {
      const ma = codePointIndexMap(text);
      const mb = textPair !== null ? codePointIndexMap(textPair) : null;
      if (ma || mb) {
        for (const e of encs) {
          e.offsets = e.offsets.map((off, i) => {
            const m = e.sequenceIds[i] === 0 ? ma : e.sequenceIds[i] === 1 ? mb : null;
            return m ? [m[off[0]], m[off[1]]] : off;
          });
        }
      }
    }
    const main = encs[0];
    main.overflowing = encs.slice(1);
    if (python && o.returnOverflowingTokens) {
      main.overflowingTokens = overflowingTokens;
      main.numTruncatedTokens = numTruncatedTokens;
    }
    return main;
  }

  /** Token ids as a plain array, a typed array (`Int32Array`, `BigInt64Array`…) or bigints, as models return them. */
  decode(ids: TokenIds, options?: DecodeOptions): string {
    const skip = options?.skipSpecialTokens ?? false;
    const cleanUp = options?.cleanUpTokenizationSpaces ?? this.options.cleanUpTokenizationSpaces;
    const tokens = this.convertIdsToTokens(ids, skip);
    return this.tokensToText(tokens, cleanUp);
  }

  decodeBatch(sequences: readonly TokenIds[], options?: DecodeOptions): string[] {
    if (!Array.isArray(sequences)) throw new TokenizerError('INVALID_IDS', 'decodeBatch takes an array of id sequences.');
    return sequences.map((ids) => this.decode(ids, options));
  }

  convertIdsToTokens(ids: number | bigint, skipSpecialTokens?: boolean): string;
  convertIdsToTokens(ids: TokenIds, skipSpecialTokens?: boolean): string[];
  convertIdsToTokens(ids: number | bigint | TokenIds, skipSpecialTokens = false): string | string[] {
    if (typeof ids === 'number' || typeof ids === 'bigint') return this.idToTokenChecked(toIdNumber(ids));
    const out: string[] = [];
    for (const id of idList(ids)) {
      const t = this.idToTokenChecked(id);
      if (skipSpecialTokens && this.allSpecialIds.has(id)) continue;
      out.push(t);
    }
    return out;
  }

  private idToTokenChecked(id: number): string {
    if (typeof id !== 'number' || !Number.isInteger(id) || id < 0 || id >= this.idToToken.length) {
      throw new TokenizerError('INVALID_IDS', `${String(id)} is not a token id of this vocabulary (0..${this.idToToken.length - 1}).`);
    }
    return this.idToToken[id];
  }

  convertTokensToIds(tokens: string): number;
  convertTokensToIds(tokens: readonly string[]): number[];
  convertTokensToIds(tokens: string | readonly string[]): number | number[] {
    if (typeof tokens === 'string') return this.tokenId(tokens) ?? this.unkTokenId;
    if (!Array.isArray(tokens)) throw new TokenizerError('INVALID_INPUT', 'tokens must be a string or an array of strings.');
    return tokens.map((t) => {
      if (typeof t !== 'string') throw new TokenizerError('INVALID_INPUT', 'tokens must be strings.');
      return this.tokenId(t) ?? this.unkTokenId;
    });
  }

  private checkIds(ids: unknown, what: string): readonly number[] {
    if (!Array.isArray(ids) || ids.some((x) => typeof x !== 'number' || !Number.isInteger(x))) {
      throw new TokenizerError('INVALID_IDS', `${what} must be an array of integer token ids.`);
    }
    return ids;
  }

  /** `[CLS] ids0 [SEP]` or `[CLS] ids0 [SEP] ids1 [SEP]` */
  buildInputsWithSpecialTokens(ids0: readonly number[], ids1?: readonly number[] | null): number[] {
    return this.postProcessor.buildInputsWithSpecialTokens(this.checkIds(ids0, 'ids0'), ids1 == null ? null : this.checkIds(ids1, 'ids1'));
  }

  /** 1 where `buildInputsWithSpecialTokens` adds a special token; with `alreadyHasSpecialTokens`, 1 on special ids. */
  getSpecialTokensMask(ids0: readonly number[], ids1?: readonly number[] | null, alreadyHasSpecialTokens = false): number[] {
    this.checkIds(ids0, 'ids0');
    if (alreadyHasSpecialTokens) {
      if (ids1 != null) {
        throw new TokenizerError(
          'INVALID_INPUT',
          'With alreadyHasSpecialTokens, pass the whole sequence (special tokens included) as ids0 and no ids1.',
        );
      }
      return ids0.map((id) => (this.allSpecialIds.has(id) ? 1 : 0));
    }
    return this.postProcessor.specialTokensMask(ids0, ids1 == null ? null : this.checkIds(ids1, 'ids1'));
  }

  createTokenTypeIdsFromSequences(ids0: readonly number[], ids1?: readonly number[] | null): number[] {
    return this.postProcessor.createTokenTypeIds(this.checkIds(ids0, 'ids0'), ids1 == null ? null : this.checkIds(ids1, 'ids1'));
  }

  numSpecialTokensToAdd(pair = false): number {
    return this.postProcessor.numSpecialTokensToAdd(pair);
  }
}
