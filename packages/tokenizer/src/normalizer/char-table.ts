// Precomputed per-character decisions for the hot loop of the pre-tokenizer. Classifying a character
// needs Unicode property look-ups and normalisation, which are slow in JavaScript; each code point is
// classified once per normaliser configuration and cached (a typed array for the BMP, a Map above it).

import { isPunctuationChar } from '../pre-tokenizer/punctuation.js';
import { stripAccents } from './accents.js';
import { isCjkChar } from './cjk.js';
import { isRemovedChar, isWhitespaceChar } from './clean-text.js';
import { lowercaseChars } from './lowercase.js';

/** Which reference's order of operations to follow (they agree except where noted in the README). */
export type Flavour = 'python' | 'rust';

export interface NormalizerConfig {
  flavour: Flavour;
  lowercase: boolean;
  stripAccents: boolean;
  handleChineseChars: boolean;
}

/** Kept as is, part of a word. */
export const CH_WORD = 1;
/** Word boundary, dropped. */
export const CH_SPACE = 2;
/** Dropped without splitting (controls, format characters, NUL, U+FFFD). */
export const CH_REMOVED = 3;
/** A word of its own, unchanged (punctuation, CJK ideograph). */
export const CH_ISOLATED = 4;
/** Changed by lower-casing/accent stripping: `transformed` holds the replacement, classified again. */
export const CH_COMPLEX = 5;
/** A word of its own whose text is `transformed` (a CJK compatibility ideograph under NFD). */
export const CH_COMPLEX_ISOLATED = 6;

export class CharTable {
  readonly config: NormalizerConfig;
  /** Python's BasicTokenizer composes (NFC) each word when it does not strip accents. */
  readonly composes: boolean;
  private readonly bmp = new Uint8Array(0x10000);
  private readonly astral = new Map<number, number>();
  private readonly replacements = new Map<number, string>();
  private readonly punct = new Uint8Array(0x10000);

  constructor(config: NormalizerConfig) {
    this.config = config;
    this.composes = config.flavour === 'python' && !config.stripAccents;
  }

  classOf(cp: number): number {
    if (cp < 0x10000) {
      const k = this.bmp[cp];
      if (k !== 0) return k;
      const c = this.classify(cp);
      this.bmp[cp] = c;
      return c;
    }
    const k = this.astral.get(cp);
    if (k !== undefined) return k;
    const c = this.classify(cp);
    this.astral.set(cp, c);
    return c;
  }

  /** The replacement text of a CH_COMPLEX / CH_COMPLEX_ISOLATED code point. */
  replacement(cp: number): string {
    return this.replacements.get(cp) ?? String.fromCodePoint(cp);
  }

  isPunctuation(cp: number): boolean {
    if (cp >= 0x10000) return isPunctuationChar(cp);
    const k = this.punct[cp];
    if (k !== 0) return k === 2;
    const p = isPunctuationChar(cp);
    this.punct[cp] = p ? 2 : 1;
    return p;
  }

  /** The character after lower-casing and accent stripping, in the reference's order. */
  transform(ch: string): string {
    const { flavour, lowercase, stripAccents: strip } = this.config;
    if (flavour === 'python') {
      // Python: lower-case (tokenize() pre-pass), then NFC of the text, then NFD + drop Mn per word.
      let s = lowercase ? lowercaseChars(ch) : ch;
      s = strip ? stripAccents(s) : s.normalize('NFC');
      return s;
    }
    // Rust BertNormalizer: strip accents first, then lower-case.
    let s = strip ? stripAccents(ch) : ch;
    if (lowercase) s = lowercaseChars(s);
    return s;
  }

  private classify(cp: number): number {
    if (isRemovedChar(cp)) return CH_REMOVED;
    if (isWhitespaceChar(cp)) return CH_SPACE;
    const ch = String.fromCodePoint(cp);
    const t = this.transform(ch);
    if (this.config.handleChineseChars && isCjkChar(cp)) {
      if (t === ch) return CH_ISOLATED;
      this.replacements.set(cp, t);
      return CH_COMPLEX_ISOLATED;
    }
    if (t === ch) return this.isPunctuation(cp) ? CH_ISOLATED : CH_WORD;
    this.replacements.set(cp, t);
    return CH_COMPLEX;
  }
}

const tables = new Map<string, CharTable>();

/** Shared tables: every tokenizer with the same configuration reuses the same cache. */
export function charTableFor(config: NormalizerConfig): CharTable {
  const key = `${config.flavour}|${config.lowercase}|${config.stripAccents}|${config.handleChineseChars}`;
  let t = tables.get(key);
  if (!t) {
    t = new CharTable(config);
    tables.set(key, t);
  }
  return t;
}
