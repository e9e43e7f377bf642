// Special tokens written in the text ("[MASK]", "[SEP]"...) are matched on the raw input before any
// normalisation, leftmost-longest, case-sensitively — as both the Python trie and Rust's AddedVocabulary do.

export interface AddedTokenMatch {
  id: number;
  start: number;
  end: number;
}

export class AddedTokenMatcher {
  /** first UTF-16 unit -> candidates, longest first */
  private readonly byFirst = new Map<number, { text: string; id: number }[]>();

  constructor(tokens: ReadonlyArray<{ text: string; id: number }>) {
    for (const t of tokens) {
      if (t.text.length === 0) continue;
      const c = t.text.charCodeAt(0);
      let list = this.byFirst.get(c);
      if (!list) {
        list = [];
        this.byFirst.set(c, list);
      }
      list.push(t);
    }
    for (const list of this.byFirst.values()) list.sort((a, b) => b.text.length - a.text.length);
  }

  get isEmpty(): boolean {
    return this.byFirst.size === 0;
  }

  /** Every match in `text`, left to right, non-overlapping. */
  findAll(text: string): AddedTokenMatch[] {
    const out: AddedTokenMatch[] = [];
    if (this.byFirst.size === 0) return out;
    // BERT's special tokens all start with "[": jump between candidates with indexOf (vectorised) instead
    // of looking at every character.
    if (this.byFirst.size === 1) {
      const [[unit, list]] = this.byFirst;
      const first = String.fromCharCode(unit);
      let i = text.indexOf(first);
      while (i >= 0) {
        const m = matchAt(text, i, list, out);
        i = text.indexOf(first, m > 0 ? i + m : i + 1);
      }
      return out;
    }
    const n = text.length;
    for (let i = 0; i < n; i++) {
      const list = this.byFirst.get(text.charCodeAt(i));
      if (list === undefined) continue;
      const m = matchAt(text, i, list, out);
      if (m > 0) i += m - 1;
    }
    return out;
  }
}

/** Records the longest candidate starting at `i` (candidates are sorted longest first); returns its length. */
function matchAt(text: string, i: number, list: { text: string; id: number }[], out: AddedTokenMatch[]): number {
  for (const t of list) {
    if (text.startsWith(t.text, i)) {
      out.push({ id: t.id, start: i, end: i + t.text.length });
      return t.text.length;
    }
  }
  return 0;
}
