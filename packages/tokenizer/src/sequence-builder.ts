// Turns the words of the pre-tokenizer into WordPiece pieces on a trie and collects them into a
// Sequence, each piece mapped back to the span of the original text it came from. Both tokenizers use
// it: the slow one on vocab.txt, the fast one on tokenizer.json's WordPiece vocabulary.
import type { PieceSink, WordPieceTrie } from './model/wordpiece.js';
import type { AddedTokenMatcher } from './pre-tokenizer/added-tokens.js';
import type { BertPreTokenizer } from './pre-tokenizer/bert-pre-tokenizer.js';
import type { WordSink } from './pre-tokenizer/word-sink.js';
import { emptySequence, type Sequence } from './sequence.js';

/** Collects WordPiece pieces into a Sequence, mapping each piece back to the original text. */
export class SequenceBuilder implements WordSink, PieceSink {
  seq: Sequence = emptySequence();
  private starts: Int32Array = new Int32Array(0);
  private ends: Int32Array = new Int32Array(0);
  private wordIndex = 0;
  private scratch = new Int32Array(3 * 256);

  constructor(
    private readonly trie: WordPieceTrie,
    private readonly tokenToId: ReadonlyMap<string, number>,
    private readonly unkId: number,
  ) {}

  /** The pieces of `text`: added tokens where the matcher finds them, the pre-tokenizer's words between them. */
  encode(text: string, added: AddedTokenMatcher, preTokenizer: BertPreTokenizer): Sequence {
    this.seq = emptySequence();
    let pos = 0;
    let wi = 0;
    for (const m of added.findAll(text)) {
      wi = preTokenizer.run(text, pos, m.start, this, wi);
      this.special(m.id, m.start, m.end, wi++);
      pos = m.end;
    }
    preTokenizer.run(text, pos, text.length, this, wi);
    const seq = this.seq;
    this.seq = emptySequence();
    return seq;
  }

  word(units: Uint16Array, length: number, codePoints: number, starts: Int32Array, ends: Int32Array, wordIndex: number): void {
    this.starts = starts;
    this.ends = ends;
    this.wordIndex = wordIndex;
    // a word has at most one piece per code unit (more than 256 only where max_input_chars_per_word allows)
    if (3 * length > this.scratch.length) this.scratch = new Int32Array(3 * length);
    this.trie.tokenizeWord(units, length, codePoints, this, this.scratch);
  }

  piece(id: number, from: number, to: number): void {
    const s = this.seq;
    s.ids.push(id);
    s.starts.push(this.starts[from]);
    s.ends.push(this.ends[to - 1]);
    s.words.push(this.wordIndex);
  }

  unsplittable(text: string, start: number, end: number, wordIndex: number): void {
    const s = this.seq;
    const id = this.tokenToId.get(text) ?? this.unkId;
    if (!this.tokenToId.has(text)) {
      s.texts ??= new Map();
      s.texts.set(s.ids.length, text);
    }
    s.ids.push(id);
    s.starts.push(start);
    s.ends.push(end);
    s.words.push(wordIndex);
  }

  special(id: number, start: number, end: number, wordIndex: number): void {
    const s = this.seq;
    s.ids.push(id);
    s.starts.push(start);
    s.ends.push(end);
    s.words.push(wordIndex);
  }
}
