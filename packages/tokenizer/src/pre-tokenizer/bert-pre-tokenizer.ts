// One pass over the input that does what the reference does in several: text cleaning, CJK splitting,
// lower-casing, accent stripping (normalizer) and whitespace/punctuation splitting (pre-tokenizer), while
// remembering for every normalised code unit which span of the original string it came from. Fusing the
// stages avoids building intermediate strings; the per-character decisions come from `CharTable`.
import { TokenizerError } from '../errors.js';
import { CH_COMPLEX, CH_COMPLEX_ISOLATED, CH_ISOLATED, CH_REMOVED, CH_SPACE, CH_WORD, type CharTable } from '../normalizer/char-table.js';
import { isCjkChar } from '../normalizer/cjk.js';
import { lowercaseChars } from '../normalizer/lowercase.js';
import type { WordSink } from './word-sink.js';

const MARK = /^\p{M}$/u;

function isClusterContinuation(cp: number): boolean {
  // Combining marks and conjoining Hangul vowels/trailing consonants compose with what precedes them.
  if ((cp >= 0x1161 && cp <= 0x1175) || (cp >= 0x11a8 && cp <= 0x11c2)) return true;
  if (cp < 0x300) return false;
  return MARK.test(String.fromCodePoint(cp));
}

export class BertPreTokenizer {
  private readonly table: CharTable;
  private readonly neverSplit: ReadonlySet<string> | null;
  private readonly asciiKind = new Uint8Array(128);
  private readonly asciiUnit = new Uint16Array(128);
  private units = new Uint16Array(128);
  private starts = new Int32Array(128);
  private ends = new Int32Array(128);
  private n = 0;
  private cps = 0;
  private nonAscii = false;

  constructor(table: CharTable, neverSplit: ReadonlySet<string> | null) {
    this.table = table;
    this.neverSplit = neverSplit && neverSplit.size > 0 ? neverSplit : null;
    for (let c = 0; c < 128; c++) {
      const k = table.classOf(c);
      if (k === CH_COMPLEX) {
        // only A-Z under lower-casing: a plain word character with another code unit
        this.asciiKind[c] = CH_WORD;
        this.asciiUnit[c] = table.replacement(c).charCodeAt(0);
      } else {
        this.asciiKind[c] = k;
        this.asciiUnit[c] = c;
      }
    }
  }

  /**
   * Splits `text[from, to)` into words and hands them to `sink`. Returns the next word index.
   * Throws `INVALID_UTF16` on a lone surrogate.
   */
  run(text: string, from: number, to: number, sink: WordSink, firstWordIndex: number): number {
    let wi = firstWordIndex;
    const aKind = this.asciiKind;
    const aUnit = this.asciiUnit;
    const table = this.table;
    const neverSplit = this.neverSplit;
    let chunkChecked = neverSplit === null;
    this.n = 0;
    this.cps = 0;
    this.nonAscii = false;
    let i = from;
    while (i < to) {
      const c = text.charCodeAt(i);
      if (c < 128) {
        const k = aKind[c];
        if (k === CH_WORD) {
          if (!chunkChecked) {
            chunkChecked = true;
            const end = this.tryNeverSplit(text, i, to, sink, wi);
            if (end >= 0) {
              wi++;
              i = end;
              continue;
            }
          }
          if (this.n === this.units.length) this.grow();
          const n = this.n;
          this.units[n] = aUnit[c];
          this.starts[n] = i;
          this.ends[n] = i + 1;
          this.n = n + 1;
          this.cps++;
        } else if (k === CH_SPACE) {
          if (this.n > 0) wi = this.flush(sink, wi);
          chunkChecked = neverSplit === null;
        } else if (k === CH_ISOLATED) {
          if (!chunkChecked) {
            chunkChecked = true;
            const end = this.tryNeverSplit(text, i, to, sink, wi);
            if (end >= 0) {
              wi++;
              i = end;
              continue;
            }
          }
          if (this.n > 0) wi = this.flush(sink, wi);
          this.push(c, i, i + 1);
          wi = this.flush(sink, wi);
        }
        i++;
        continue;
      }
      let cp = c;
      let len = 1;
      if (c >= 0xd800 && c <= 0xdfff) {
        const d = i + 1 < to ? text.charCodeAt(i + 1) : 0;
        if (c > 0xdbff || d < 0xdc00 || d > 0xdfff) {
          throw new TokenizerError(
            'INVALID_UTF16',
            `The text has a lone surrogate (U+${c.toString(16).toUpperCase()}) at index ${i}: it is not valid Unicode. Repair the string (for example with String.prototype.toWellFormed) before tokenizing.`,
          );
        }
        cp = ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
        len = 2;
      }
      const k = table.classOf(cp);
      if (k === CH_REMOVED) {
        i += len;
        continue;
      }
      if (k === CH_SPACE) {
        if (this.n > 0) wi = this.flush(sink, wi);
        chunkChecked = neverSplit === null;
        i += len;
        continue;
      }
      if (!chunkChecked) {
        chunkChecked = true;
        const end = this.tryNeverSplit(text, i, to, sink, wi);
        if (end >= 0) {
          wi++;
          i = end;
          continue;
        }
      }
      const end = i + len;
      if (k === CH_WORD) {
        this.pushCodePoint(cp, len, i, end);
        this.nonAscii = true;
      } else if (k === CH_ISOLATED || k === CH_COMPLEX_ISOLATED) {
        if (this.n > 0) wi = this.flush(sink, wi);
        if (k === CH_ISOLATED) this.pushCodePoint(cp, len, i, end);
        else this.pushString(table.replacement(cp), i, end);
        this.nonAscii = true;
        if (this.n > 0) wi = this.flush(sink, wi);
        // a CJK ideograph is padded with spaces by the reference: it also ends a never_split chunk
        if (neverSplit !== null && isCjkChar(cp)) chunkChecked = false;
      } else {
        // CH_COMPLEX: the replacement may contain punctuation, which becomes a word of its own
        const rep = table.replacement(cp);
        for (let j = 0; j < rep.length; ) {
          const rc = rep.codePointAt(j) as number;
          const rl = rc > 0xffff ? 2 : 1;
          if (table.isPunctuation(rc)) {
            if (this.n > 0) wi = this.flush(sink, wi);
            this.pushCodePoint(rc, rl, i, end);
            wi = this.flush(sink, wi);
          } else {
            this.pushCodePoint(rc, rl, i, end);
            this.nonAscii = true;
          }
          j += rl;
        }
      }
      i = end;
    }
    if (this.n > 0) wi = this.flush(sink, wi);
    return wi;
  }

  private grow(): void {
    const cap = this.units.length * 2;
    const u = new Uint16Array(cap);
    u.set(this.units);
    const s = new Int32Array(cap);
    s.set(this.starts);
    const e = new Int32Array(cap);
    e.set(this.ends);
    this.units = u;
    this.starts = s;
    this.ends = e;
  }

  private push(unit: number, start: number, end: number): void {
    if (this.n === this.units.length) this.grow();
    const n = this.n;
    this.units[n] = unit;
    this.starts[n] = start;
    this.ends[n] = end;
    this.n = n + 1;
    this.cps++;
  }

  private pushCodePoint(cp: number, len: number, start: number, end: number): void {
    if (len === 1) {
      this.push(cp, start, end);
      return;
    }
    this.push(0xd800 + ((cp - 0x10000) >> 10), start, end);
    this.push(0xdc00 + ((cp - 0x10000) & 0x3ff), start, end);
    this.cps--;
  }

  private pushString(s: string, start: number, end: number): void {
    for (let j = 0; j < s.length; ) {
      const cp = s.codePointAt(j) as number;
      const l = cp > 0xffff ? 2 : 1;
      this.pushCodePoint(cp, l, start, end);
      j += l;
    }
  }

  private flush(sink: WordSink, wi: number): number {
    if (this.nonAscii && this.table.composes) this.compose();
    sink.word(this.units, this.n, this.cps, this.starts, this.ends, wi);
    this.n = 0;
    this.cps = 0;
    this.nonAscii = false;
    return wi + 1;
  }

  /**
   * Python's BasicTokenizer applies NFC to the text when it does not strip accents. Composition happens
   * inside a base character + combining marks cluster; each composed character is mapped to the span of
   * its whole cluster.
   */
  private compose(): void {
    const n = this.n;
    let s = '';
    for (let j = 0; j < n; j++) s += String.fromCharCode(this.units[j]);
    const nfc = s.normalize('NFC');
    if (nfc === s) return;
    const starts = this.starts.slice(0, n);
    const ends = this.ends.slice(0, n);
    this.n = 0;
    this.cps = 0;
    let built = '';
    let a = 0;
    while (a < n) {
      let b = a + ((s.codePointAt(a) as number) > 0xffff ? 2 : 1);
      while (b < n) {
        const cp = s.codePointAt(b) as number;
        if (!isClusterContinuation(cp)) break;
        b += cp > 0xffff ? 2 : 1;
      }
      const piece = s.slice(a, b).normalize('NFC');
      built += piece;
      this.pushString(piece, starts[a], ends[b - 1]);
      a = b;
    }
    if (built !== nfc) {
      // composition across clusters (exotic scripts): map every character to the whole word
      this.n = 0;
      this.cps = 0;
      this.pushString(nfc, starts[0], ends[n - 1]);
    }
  }

  /**
   * Python's BasicTokenizer keeps a whitespace-delimited token whole when it is listed in `never_split`.
   * Called at the start of each such token; returns its end index when it matched (and was emitted).
   */
  private tryNeverSplit(text: string, from: number, to: number, sink: WordSink, wi: number): number {
    const table = this.table;
    const lower = table.config.lowercase;
    const cjk = table.config.handleChineseChars;
    let s = '';
    let first = -1;
    let last = -1;
    let i = from;
    while (i < to) {
      const cp = text.codePointAt(i) as number;
      const len = cp > 0xffff ? 2 : 1;
      const k = table.classOf(cp);
      if (k === CH_SPACE) break;
      if (cjk && isCjkChar(cp)) break;
      if (k !== CH_REMOVED) {
        const ch = String.fromCodePoint(cp);
        s += lower ? lowercaseChars(ch) : ch;
        if (first < 0) first = i;
        last = i + len;
      }
      i += len;
    }
    if (first < 0) return -1;
    const token = s.normalize('NFC');
    if (this.neverSplit?.has(token)) {
      if (this.n > 0) throw new Error('internal: never_split check inside a word');
      sink.unsplittable(token, first, last, wi);
      return i;
    }
    return -1;
  }
}
