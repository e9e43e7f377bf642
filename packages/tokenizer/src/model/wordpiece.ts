// Greedy longest-match-first WordPiece (BERT's `WordpieceTokenizer`), on a trie of UTF-16 code units so that
// the longest vocabulary entry starting at a position is found in one walk, without building substrings.
// Python tries every substring from the longest down; a trie walk finds the same longest entry.

export interface WordPieceConfig {
  continuingSubwordPrefix: string;
  maxInputCharsPerWord: number;
  unkId: number;
}

/** Receives the pieces of a word: id and the range of normalised code units it covers. */
export interface PieceSink {
  piece(id: number, from: number, to: number): void;
}

export class WordPieceTrie {
  readonly config: WordPieceConfig;
  // Nodes are numbered breadth-first, so the children of a node have consecutive ids: node `p`'s children
  // are `first[p] .. first[p] + count[p] - 1`, sorted by the code unit on their incoming edge (`unit[c]`).
  // This keeps the walk on a few small arrays (cache-friendly) instead of a large hash table.
  private readonly first: Int32Array;
  private readonly count: Int32Array;
  private readonly unit: Uint16Array;
  private readonly tokenAt: Int32Array;
  /** direct children of the root and of the `##` node for ASCII units (the common first step) */
  private readonly rootAscii = new Int32Array(128).fill(-1);
  private readonly continuationAscii = new Int32Array(128).fill(-1);
  private readonly continuationRoot: number;

  constructor(tokens: readonly string[], config: WordPieceConfig) {
    this.config = config;
    // 1. a plain trie with per-node child maps
    const children: Map<number, number>[] = [new Map()];
    const tokenOf: number[] = [-1];
    const insert = (t: string): number => {
      let node = 0;
      for (let j = 0; j < t.length; j++) {
        const u = t.charCodeAt(j);
        let next = children[node].get(u);
        if (next === undefined) {
          next = children.length;
          children.push(new Map());
          tokenOf.push(-1);
          children[node].set(u, next);
        }
        node = next;
      }
      return node;
    };
    // a repeated token keeps its last id, as Python's vocab dict does
    for (let id = 0; id < tokens.length; id++) tokenOf[insert(tokens[id])] = id;
    const contOld = insert(config.continuingSubwordPrefix);
    // 2. breadth-first renumbering
    const n = children.length;
    const newId = new Int32Array(n);
    const order: number[] = [0];
    this.first = new Int32Array(n);
    this.count = new Int32Array(n);
    this.unit = new Uint16Array(n);
    this.tokenAt = new Int32Array(n);
    let next = 1;
    for (let q = 0; q < order.length; q++) {
      const old = order[q];
      const kids = [...children[old].entries()].sort((a, b) => a[0] - b[0]);
      this.first[q] = next;
      this.count[q] = kids.length;
      this.tokenAt[q] = tokenOf[old];
      for (const [u, child] of kids) {
        newId[child] = next;
        this.unit[next] = u;
        order.push(child);
        next++;
      }
    }
    this.continuationRoot = newId[contOld];
    for (let u = 0; u < 128; u++) {
      this.rootAscii[u] = this.search(0, u);
      this.continuationAscii[u] = this.search(this.continuationRoot, u);
    }
  }

  private search(node: number, u: number): number {
    let lo = this.first[node];
    let hi = lo + this.count[node] - 1;
    const unit = this.unit;
    if (hi - lo < 8) {
      for (let c = lo; c <= hi; c++) if (unit[c] === u) return c;
      return -1;
    }
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const v = unit[mid];
      if (v === u) return mid;
      if (v < u) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  child(node: number, u: number): number {
    if (u < 128) {
      if (node === 0) return this.rootAscii[u];
      if (node === this.continuationRoot) return this.continuationAscii[u];
    }
    return this.search(node, u);
  }

  /** The id of `token` if it is in the vocabulary, else -1. */
  lookup(token: string): number {
    let node = 0;
    for (let j = 0; j < token.length && node >= 0; j++) node = this.child(node, token.charCodeAt(j));
    return node >= 0 ? this.tokenAt[node] : -1;
  }

  /**
   * Tokenizes one word. Pieces are reported to `sink` only once the whole word is known to be covered:
   * if any position has no matching piece, the word becomes a single `[UNK]` (the reference's rule).
   * Returns the number of pieces.
   */
  tokenizeWord(units: Uint16Array, length: number, codePoints: number, sink: PieceSink, scratch: Int32Array): number {
    if (codePoints > this.config.maxInputCharsPerWord) {
      sink.piece(this.config.unkId, 0, length);
      return 1;
    }
    const tokenAt = this.tokenAt;
    let count = 0;
    let start = 0;
    while (start < length) {
      let node = start === 0 ? 0 : this.continuationRoot;
      let bestEnd = -1;
      let bestId = -1;
      for (let j = start; j < length; j++) {
        node = this.child(node, units[j]);
        if (node < 0) break;
        const t = tokenAt[node];
        if (t >= 0) {
          bestEnd = j + 1;
          bestId = t;
        }
      }
      if (bestEnd < 0) {
        sink.piece(this.config.unkId, 0, length);
        return 1;
      }
      scratch[count * 3] = bestId;
      scratch[count * 3 + 1] = start;
      scratch[count * 3 + 2] = bestEnd;
      count++;
      start = bestEnd;
    }
    for (let k = 0; k < count; k++) sink.piece(scratch[k * 3], scratch[k * 3 + 1], scratch[k * 3 + 2]);
    return count;
  }
}
