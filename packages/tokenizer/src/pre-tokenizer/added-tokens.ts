// Added tokens written in the text ("[MASK]", "[SEP]"...) are matched on the raw input before any
// normalisation, leftmost-longest, case-sensitively — as both the Python trie and Rust's AddedVocabulary
// (an Aho–Corasick automaton) do. Here the longest token starting at each position comes from one pass
// of an Aho–Corasick automaton of the reversed tokens over the reversed text; matches are then taken
// left to right. Time is linear in the text and in the tokens' total length, whatever prefixes the tokens
// share (trying each token at each position made 2,000 tokens with a common prefix cost minutes).
import { TokenizerError } from '../errors.js';

export interface AddedTokenMatch {
  id: number;
  start: number;
  end: number;
}

/** The automaton's transitions live in one Map keyed by state and code unit, which holds at most 2^24 entries. */
const MAX_TOTAL_LENGTH = (1 << 24) - 1;

export class AddedTokenMatcher {
  /** (state * 65536 + code unit) -> state; the root's ASCII transitions also in `rootAscii` */
  private readonly next = new Map<number, number>();
  private readonly rootAscii = new Int32Array(128).fill(-1);
  private readonly fail: Int32Array;
  /** length and id of the longest token that is a suffix of the state's (reversed) string; 0 / -1 for none */
  private readonly longest: Int32Array;
  private readonly longestId: Int32Array;

  constructor(tokens: ReadonlyArray<{ text: string; id: number }>) {
    let total = 1;
    for (const t of tokens) total += t.text.length;
    if (total > MAX_TOTAL_LENGTH) {
      throw new TokenizerError('INVALID_TOKENIZER_JSON', `the added tokens hold over ${MAX_TOTAL_LENGTH} characters`);
    }
    this.fail = new Int32Array(total);
    this.longest = new Int32Array(total);
    this.longestId = new Int32Array(total).fill(-1);
    // 1. a trie of the reversed tokens; children kept as linked lists for the breadth-first pass
    const firstChild = new Int32Array(total).fill(-1);
    const sibling = new Int32Array(total);
    const unitOf = new Uint16Array(total);
    let states = 1;
    for (const t of tokens) {
      if (t.text.length === 0) continue;
      let s = 0;
      for (let i = t.text.length - 1; i >= 0; i--) {
        const u = t.text.charCodeAt(i);
        let c = this.next.get(s * 65536 + u);
        if (c === undefined) {
          c = states++;
          this.next.set(s * 65536 + u, c);
          unitOf[c] = u;
          sibling[c] = firstChild[s];
          firstChild[s] = c;
        }
        s = c;
      }
      // an identical token listed twice keeps its first id
      if (this.longestId[s] < 0) {
        this.longest[s] = t.text.length;
        this.longestId[s] = t.id;
      }
    }
    for (let u = 0; u < 128; u++) this.rootAscii[u] = this.next.get(u) ?? -1;
    // 2. failure links breadth-first; a state that is no token inherits the longest token of its
    // failure, which is shorter and so was done before it
    const queue = new Int32Array(states);
    let tail = 0;
    for (let c = firstChild[0]; c >= 0; c = sibling[c]) queue[tail++] = c;
    for (let head = 0; head < tail; head++) {
      const s = queue[head];
      if (this.longestId[s] < 0) {
        this.longest[s] = this.longest[this.fail[s]];
        this.longestId[s] = this.longestId[this.fail[s]];
      }
      for (let c = firstChild[s]; c >= 0; c = sibling[c]) {
        this.fail[c] = this.step(this.fail[s], unitOf[c]);
        queue[tail++] = c;
      }
    }
  }

  /** The automaton's move from state `s` on code unit `u`, following failure links. */
  private step(s: number, u: number): number {
    for (;;) {
      const g = s === 0 ? (u < 128 ? this.rootAscii[u] : (this.next.get(u) ?? -1)) : (this.next.get(s * 65536 + u) ?? -1);
      if (g >= 0) return g;
      if (s === 0) return 0;
      s = this.fail[s];
    }
  }

  /** Every match in `text`, left to right, non-overlapping: at each position the longest token starting there. */
  findAll(text: string): AddedTokenMatch[] {
    const out: AddedTokenMatch[] = [];
    if (this.next.size === 0) return out;
    // right to left: after reading text[i..], the state's longest output is the longest token starting at i
    const found: number[] = [];
    let s = 0;
    for (let i = text.length - 1; i >= 0; i--) {
      s = this.step(s, text.charCodeAt(i));
      if (this.longest[s] > 0) found.push(i, this.longest[s], this.longestId[s]);
    }
    let pos = 0;
    for (let k = found.length - 3; k >= 0; k -= 3) {
      const start = found[k];
      if (start < pos) continue;
      pos = start + found[k + 1];
      out.push({ id: found[k + 2], start, end: pos });
    }
    return out;
  }
}
