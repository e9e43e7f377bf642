// ConvBertTokenizer: the pure TypeScript WordPiece tokenizer built from vocab.txt, identical to Python's
// `ConvBertTokenizer` (= `BertTokenizer`) of transformers 4.36, plus offsets/word ids computed the way the
// fast tokenizer reports them.
import { BaseTokenizer } from './base-tokenizer.js';
import { cleanUpTokenization, pythonTokensToString } from './decoder/decoders.js';
import { TokenizerError } from './errors.js';
import { parseVocabText, vocabToText } from './model/vocab.js';
import { WordPieceTrie } from './model/wordpiece.js';
import { charTableFor } from './normalizer/char-table.js';
import type { TokenizerOptions } from './options.js';
import { resolveTokenizerOptions } from './options.js';
import { AddedTokenMatcher } from './pre-tokenizer/added-tokens.js';
import { BertPreTokenizer } from './pre-tokenizer/bert-pre-tokenizer.js';
import type { Sequence } from './sequence.js';
import { SequenceBuilder } from './sequence-builder.js';

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
    const trie = new WordPieceTrie(ids, { continuingSubwordPrefix: '##', maxInputCharsPerWord: 100, unkId: this.unkTokenId });
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
    return this.builder.encode(text, this.added, this.preTokenizer);
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
