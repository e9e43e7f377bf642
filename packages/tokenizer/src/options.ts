// Constructor options (camelCase mirrors of tokenizer_config.json) and per-call encode options, with the
// defaults and the resolution rules of `PreTrainedTokenizerBase._get_padding_truncation_strategies`.
import { TokenizerError } from './errors.js';
import type { Side, TruncationStrategy } from './truncation/python-truncation.js';

/** Constructor options: the camelCase mirror of `tokenizer_config.json`. */
export interface TokenizerOptions {
  /**
   * Lower-case the text before WordPiece (uncased checkpoints).
   * @default true
   */
  doLowerCase?: boolean;
  /**
   * Strip accents (NFD, combining marks removed); `null` follows `doLowerCase`.
   * @default null
   */
  stripAccents?: boolean | null;
  /**
   * Put spaces around CJK characters, so that each is a token.
   * @default true
   */
  tokenizeChineseChars?: boolean;
  /** whole whitespace-delimited tokens never split (slow tokenizer only, as in Python) */
  neverSplit?: readonly string[] | null;
  /**
   * The token of words not in the vocabulary.
   * @default '[UNK]'
   */
  unkToken?: string;
  /**
   * The separator after each sequence.
   * @default '[SEP]'
   */
  sepToken?: string;
  /**
   * The padding token.
   * @default '[PAD]'
   */
  padToken?: string;
  /**
   * The token opening every input.
   * @default '[CLS]'
   */
  clsToken?: string;
  /**
   * The token fill-mask predicts.
   * @default '[MASK]'
   */
  maskToken?: string;
  /**
   * The longest input the model takes, in tokens (what ConvBERT checkpoints declare).
   * @default 512
   */
  modelMaxLength?: number;
  /**
   * Which side padding is added on.
   * @default 'right'
   */
  paddingSide?: Side;
  /**
   * Which side truncation removes tokens from.
   * @default 'right'
   */
  truncationSide?: Side;
  /**
   * `decode` removes the spaces tokenization put before punctuation and in contractions.
   * @default true
   */
  cleanUpTokenizationSpaces?: boolean;
}

/** `truncation`: a strategy, `true` (`longest_first`) or `false` / `do_not_truncate`. */
export type TruncationOption = boolean | TruncationStrategy | 'do_not_truncate';
/** `padding`: `true` / `longest` (to the longest of the batch), `max_length`, or `false` / `do_not_pad`. */
export type PaddingOption = boolean | 'longest' | 'max_length' | 'do_not_pad';

/** Per-call options of `encode` / `encodeBatch`, Python's keyword arguments in camelCase. */
export interface EncodeOptions {
  /**
   * Add `[CLS]` and `[SEP]`.
   * @default true
   */
  addSpecialTokens?: boolean;
  /**
   * Truncate to `maxLength`: `true` is `'longest_first'` (a `maxLength` alone also turns it on, as in Python).
   * @default false
   */
  truncation?: TruncationOption;
  /** with truncation: default modelMaxLength; with padding 'max_length': the target length */
  maxLength?: number | null;
  /**
   * Tokens each overflow window repeats from the one before.
   * @default 0
   */
  stride?: number;
  /** return the further windows in `overflowing` (and `overflowingTokens` for the slow tokenizer) */
  returnOverflowingTokens?: boolean;
  /**
   * Pad: `true` is `'longest'` (to the longest of the batch); `'max_length'` to `maxLength`.
   * @default false
   */
  padding?: PaddingOption;
  /** Round the padded length up to a multiple of this. */
  padToMultipleOf?: number | null;
  /** Which side padding is added on; by default the tokenizer's `paddingSide`. */
  paddingSide?: Side;
  /** 'utf16' (default): JavaScript string indices; 'codepoints': Unicode code points (Python indices) */
  offsetUnits?: 'utf16' | 'codepoints';
  /**
   * Windows over the WHOLE text (tokenizers <= 0.22 behaviour; what question answering over long contexts
   * needs). Default false: exactly the reference Rust tokenizers 0.23.2, which stops tokenizing a sequence
   * at max_length tokens (word boundary) so that its overflowing windows cover only that much.
   */
  completeOverflow?: boolean;
}

export interface ResolvedEncodeOptions {
  addSpecialTokens: boolean;
  truncation: TruncationStrategy | null;
  maxLength: number | null;
  stride: number;
  returnOverflowingTokens: boolean;
  padding: 'none' | 'longest' | 'max_length';
  padToMultipleOf: number | null;
  paddingSide: Side;
  offsetUnits: 'utf16' | 'codepoints';
  completeOverflow: boolean;
}

/** transformers' VERY_LARGE_INTEGER: a model_max_length this big means "no limit". */
const LARGE_INTEGER = 1e20;

function isNonNegativeInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0;
}

function bad(message: string): TokenizerError {
  return new TokenizerError('INVALID_OPTION', message);
}

const ENCODE_OPTION_KEYS = new Set([
  'addSpecialTokens',
  'truncation',
  'maxLength',
  'stride',
  'returnOverflowingTokens',
  'padding',
  'padToMultipleOf',
  'paddingSide',
  'offsetUnits',
  'completeOverflow',
]);

export function resolveEncodeOptions(
  options: EncodeOptions | undefined,
  modelMaxLength: number,
  defaultPaddingSide: Side,
): ResolvedEncodeOptions {
  const o = options ?? {};
  if (typeof o !== 'object' || Array.isArray(o)) throw bad('encode options must be an object.');
  for (const k of Object.keys(o)) {
    if (!ENCODE_OPTION_KEYS.has(k)) {
      throw bad(`Unknown encode option ${JSON.stringify(k)}: the options are ${[...ENCODE_OPTION_KEYS].join(', ')} (camelCase).`);
    }
  }
  const addSpecialTokens = o.addSpecialTokens ?? true;
  if (typeof addSpecialTokens !== 'boolean') throw bad('addSpecialTokens must be true or false.');

  let padding: ResolvedEncodeOptions['padding'];
  const p = o.padding ?? false;
  if (p === false || p === 'do_not_pad') padding = 'none';
  else if (p === true || p === 'longest') padding = 'longest';
  else if (p === 'max_length') padding = 'max_length';
  else throw bad(`padding must be false, true, 'longest' or 'max_length' (got ${JSON.stringify(p)}).`);

  let maxLength = o.maxLength ?? null;
  if (maxLength !== null && !isNonNegativeInt(maxLength)) {
    throw bad(`maxLength must be a non-negative integer (got ${String(maxLength)}).`);
  }

  let truncation: TruncationStrategy | null;
  const t = o.truncation;
  if (t === undefined) {
    // Python: a max_length with no padding and no truncation given means 'longest_first'.
    truncation = maxLength !== null && padding === 'none' ? 'longest_first' : null;
  } else if (t === false || t === 'do_not_truncate') truncation = null;
  else if (t === true || t === 'longest_first') truncation = 'longest_first';
  else if (t === 'only_first' || t === 'only_second') truncation = t;
  else throw bad(`truncation must be true, false, 'longest_first', 'only_first' or 'only_second' (got ${JSON.stringify(t)}).`);

  if (maxLength === null) {
    if (padding === 'max_length' || truncation !== null) {
      if (modelMaxLength < LARGE_INTEGER) maxLength = modelMaxLength;
      else if (truncation !== null) truncation = null;
      else padding = 'longest';
    }
  }

  const stride = o.stride ?? 0;
  if (!isNonNegativeInt(stride)) throw bad(`stride must be a non-negative integer (got ${String(stride)}).`);
  const padToMultipleOf = o.padToMultipleOf ?? null;
  if (padToMultipleOf !== null && !(isNonNegativeInt(padToMultipleOf) && padToMultipleOf > 0)) {
    throw bad(`padToMultipleOf must be a positive integer (got ${String(padToMultipleOf)}).`);
  }
  if (truncation !== null && padding !== 'none' && padToMultipleOf !== null && maxLength !== null && maxLength % padToMultipleOf !== 0) {
    throw bad(
      `Truncation and padding are both on but maxLength (${maxLength}) is not a multiple of padToMultipleOf (${padToMultipleOf}): make it one.`,
    );
  }
  const paddingSide = o.paddingSide ?? defaultPaddingSide;
  if (paddingSide !== 'left' && paddingSide !== 'right') throw bad(`paddingSide must be 'left' or 'right'.`);
  const returnOverflowingTokens = o.returnOverflowingTokens ?? false;
  if (typeof returnOverflowingTokens !== 'boolean') throw bad('returnOverflowingTokens must be true or false.');
  const offsetUnits = o.offsetUnits ?? 'utf16';
  if (offsetUnits !== 'utf16' && offsetUnits !== 'codepoints') throw bad(`offsetUnits must be 'utf16' or 'codepoints'.`);
  const completeOverflow = o.completeOverflow ?? false;
  if (typeof completeOverflow !== 'boolean') throw bad('completeOverflow must be true or false.');
  return {
    addSpecialTokens,
    truncation,
    maxLength,
    stride,
    returnOverflowingTokens,
    padding,
    padToMultipleOf,
    paddingSide,
    offsetUnits,
    completeOverflow,
  };
}

export interface ResolvedTokenizerOptions {
  doLowerCase: boolean;
  stripAccents: boolean;
  tokenizeChineseChars: boolean;
  neverSplit: string[];
  unkToken: string;
  sepToken: string;
  padToken: string;
  clsToken: string;
  maskToken: string;
  modelMaxLength: number;
  paddingSide: Side;
  truncationSide: Side;
  cleanUpTokenizationSpaces: boolean;
}

export function resolveTokenizerOptions(options: TokenizerOptions | undefined): ResolvedTokenizerOptions {
  const o = options ?? {};
  if (typeof o !== 'object') throw bad('tokenizer options must be an object.');
  const bool = (name: keyof TokenizerOptions, v: unknown, d: boolean): boolean => {
    if (v === undefined) return d;
    if (typeof v !== 'boolean') throw bad(`${name} must be true or false (got ${JSON.stringify(v)}).`);
    return v;
  };
  const str = (name: keyof TokenizerOptions, v: unknown, d: string): string => {
    if (v === undefined || v === null) return d;
    if (typeof v !== 'string' || v.length === 0) throw bad(`${name} must be a non-empty string.`);
    return v;
  };
  const side = (name: keyof TokenizerOptions, v: unknown): Side => {
    if (v === undefined || v === null) return 'right';
    if (v !== 'left' && v !== 'right') throw bad(`${name} must be 'left' or 'right' (got ${JSON.stringify(v)}).`);
    return v;
  };
  const doLowerCase = bool('doLowerCase', o.doLowerCase, true);
  const stripAccents =
    o.stripAccents === undefined || o.stripAccents === null ? doLowerCase : bool('stripAccents', o.stripAccents, doLowerCase);
  const neverSplit = o.neverSplit ?? [];
  if (!Array.isArray(neverSplit) || neverSplit.some((s) => typeof s !== 'string')) throw bad('neverSplit must be an array of strings.');
  const modelMaxLength = o.modelMaxLength ?? 512;
  if (
    !(typeof modelMaxLength === 'number' && modelMaxLength > 0 && (Number.isInteger(modelMaxLength) || modelMaxLength >= LARGE_INTEGER))
  ) {
    throw bad(`modelMaxLength must be a positive integer (got ${String(modelMaxLength)}).`);
  }
  return {
    doLowerCase,
    stripAccents,
    tokenizeChineseChars: bool('tokenizeChineseChars', o.tokenizeChineseChars, true),
    neverSplit: [...neverSplit],
    unkToken: str('unkToken', o.unkToken, '[UNK]'),
    sepToken: str('sepToken', o.sepToken, '[SEP]'),
    padToken: str('padToken', o.padToken, '[PAD]'),
    clsToken: str('clsToken', o.clsToken, '[CLS]'),
    maskToken: str('maskToken', o.maskToken, '[MASK]'),
    modelMaxLength,
    paddingSide: side('paddingSide', o.paddingSide),
    truncationSide: side('truncationSide', o.truncationSide),
    cleanUpTokenizationSpaces: bool('cleanUpTokenizationSpaces', o.cleanUpTokenizationSpaces, true),
  };
}

function tokenContent(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object' && typeof (v as { content?: unknown }).content === 'string') {
    return (v as { content: string }).content;
  }
  return undefined;
}

/**
 * Turns a parsed `tokenizer_config.json` (snake_case, as Hugging Face writes it) into `TokenizerOptions`.
 * Unknown fields are ignored; special tokens may be strings or AddedToken objects (`{content: ...}`).
 */
export function tokenizerOptionsFromConfig(config: Record<string, unknown>): TokenizerOptions {
  if (config === null || typeof config !== 'object' || Array.isArray(config)) {
    throw bad('tokenizerOptionsFromConfig needs the parsed tokenizer_config.json object (JSON.parse the file first).');
  }
  const c = config as Record<string, unknown>;
  const out: TokenizerOptions = {};
  if (c.do_lower_case !== undefined) out.doLowerCase = c.do_lower_case as boolean;
  if (c.strip_accents !== undefined) out.stripAccents = c.strip_accents as boolean | null;
  if (c.tokenize_chinese_chars !== undefined) out.tokenizeChineseChars = c.tokenize_chinese_chars as boolean;
  if (c.never_split !== undefined && c.never_split !== null) out.neverSplit = c.never_split as string[];
  const tok = (k: string): string | undefined => tokenContent(c[k]);
  if (tok('unk_token') !== undefined) out.unkToken = tok('unk_token');
  if (tok('sep_token') !== undefined) out.sepToken = tok('sep_token');
  if (tok('pad_token') !== undefined) out.padToken = tok('pad_token');
  if (tok('cls_token') !== undefined) out.clsToken = tok('cls_token');
  if (tok('mask_token') !== undefined) out.maskToken = tok('mask_token');
  if (typeof c.model_max_length === 'number') out.modelMaxLength = c.model_max_length;
  if (c.padding_side === 'left' || c.padding_side === 'right') out.paddingSide = c.padding_side;
  if (c.truncation_side === 'left' || c.truncation_side === 'right') out.truncationSide = c.truncation_side;
  if (typeof c.clean_up_tokenization_spaces === 'boolean') out.cleanUpTokenizationSpaces = c.clean_up_tokenization_spaces;
  return out;
}
