// ConvBertTokenizer: the pure TypeScript WordPiece tokenizer built from vocab.txt, identical to Python's
// `ConvBertTokenizer` (= `BertTokenizer`) of transformers 4.36, plus offsets/word ids computed the way the
// fast tokenizer reports them.
import { BaseTokenizer } from './base-tokenizer.js';
import { cleanUpTokenization, pythonTokensToString } from './decoder/decoders.js';
import { TokenizerError } from './errors.js';
import { parseVocabText, vocabToText } from './model/vocab.js';
import type { PieceSink } from './model/wordpiece.js';
import { WordPieceTrie } from './model/wordpiece.js';
import { charTableFor } from './normalizer/char-table.js';
import type { TokenizerOptions } from './options.js';
import { resolveTokenizerOptions } from './options.js';
import { AddedTokenMatcher } from './pre-tokenizer/added-tokens.js';
import { BertPreTokenizer } from './pre-tokenizer/bert-pre-tokenizer.js';
import type { WordSink } from './pre-tokenizer/word-sink.js';
import type { Sequence } from './sequence.js';
import { emptySequence } from './sequence.js';

/** Collects WordPiece pieces into a Sequence, mapping each piece back to the original text. */
class SequenceBuilder implements WordSink, PieceSink {
  seq: Sequence = emptySequence();
  private starts: Int32Array = new Int32Array(0);
  private ends: Int32Array = new Int32Array(0);
  private wordIndex = 0;
  private readonly scratch = new Int32Array(3 * 256);

  constructor(
    private readonly trie: WordPieceTrie,
    private readonly tokenToId: Map<string, number>,
    private readonly unkId: number,
  ) {}

  word(units: Uint16Array, length: number, codePoints: number, starts: Int32Array, ends: Int32Array, wordIndex: number): void {
    this.starts = starts;
    this.ends = ends;
    this.wordIndex = wordIndex;
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

export class ConvBertTokenizer extends BaseTokenizer {
  protected readonly flavour = 'python' as const;
  private readonly vocab: Map<string, number>;
  private readonly vocabTokens: string[];
  private readonly preTokenizer: BertPreTokenizer;
  private readonly added: AddedTokenMatcher;
  private readonly builder: SequenceBuilder;

  private constructor(vocabText: string, options: TokenizerOptions | undefined) {
    const resolved = resolveTokenizerOptions(options);
    const { tokens, ids } = parseVocabText(vocabText);
    super(resolved, tokens, (t) => ids.get(t), 'python');
    this.vocab = ids;
    this.vocabTokens = tokens;
    const trie = new WordPieceTrie(tokens, { continuingSubwordPrefix: '##', maxInputCharsPerWord: 100, unkId: this.unkTokenId });
    const table = charTableFor({
      flavour: 'python',
      lowercase: resolved.doLowerCase,
      stripAccents: resolved.stripAccents,
      handleChineseChars: resolved.tokenizeChineseChars,
    });
    this.preTokenizer = new BertPreTokenizer(table, new Set(resolved.neverSplit));
    // the special tokens are the added tokens of a BERT vocabulary (matched verbatim in the text)
    this.added = new AddedTokenMatcher(this.allSpecialTokens.map((text) => ({ text, id: ids.get(text) as number })));
    this.builder = new SequenceBuilder(trie, ids, this.unkTokenId);
  }

  /**
   * Builds the tokenizer from the text of `vocab.txt` and camelCase options mirroring
   * `tokenizer_config.json` (see `tokenizerOptionsFromConfig`).
   */
  static fromVocab(vocabText: string, options?: TokenizerOptions): ConvBertTokenizer {
    if (typeof vocabText !== 'string') {
      throw new TokenizerError('INVALID_VOCAB', 'fromVocab needs the text of vocab.txt (a string): read the file first.');
    }
    return new ConvBertTokenizer(vocabText, options);
  }

  get vocabSize(): number {
    return this.vocab.size;
  }

  /** token -> id of the vocabulary */
  getVocab(): Map<string, number> {
    return new Map(this.vocab);
  }

  protected tokenId(token: string): number | undefined {
    return this.vocab.get(token);
  }

  protected encodeSequence(text: string): Sequence {
    const b = this.builder;
    b.seq = emptySequence();
    let pos = 0;
    let wi = 0;
    for (const m of this.added.findAll(text)) {
      wi = this.preTokenizer.run(text, pos, m.start, b, wi);
      b.special(m.id, m.start, m.end, wi++);
      pos = m.end;
    }
    this.preTokenizer.run(text, pos, text.length, b, wi);
    const seq = b.seq;
    b.seq = emptySequence();
    return seq;
  }

  protected tokensToText(tokens: string[], cleanUp: boolean): string {
    const s = pythonTokensToString(tokens);
    return cleanUp ? cleanUpTokenization(s) : s;
  }

  convertTokensToString(tokens: readonly string[]): string {
    return pythonTokensToString(tokens);
  }

  /** The text of vocab.txt (tokens in id order); the node package writes it to disk. */
  saveVocabulary(): string {
    return vocabToText(this.vocabTokens);
  }
}
