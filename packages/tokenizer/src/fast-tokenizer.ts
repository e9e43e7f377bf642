// ConvBertTokenizerFast: built from tokenizer.json on @huggingface/tokenizers (which parses the file and
// holds the vocabulary), behaving like Python's `ConvBertTokenizerFast` (= the Rust `tokenizers`
// engine). The library gives neither offsets nor truncation/padding, and its BertNormalizer lower-cases
// whole strings (final sigma) and misses CJK ideographs outside the BMP; so normalisation and
// pre-tokenisation are ours (Rust order of operations, with alignments). Words are split by our WordPiece
// trie over the file's WordPiece vocabulary: the library's WordPiece joins substrings from the longest
// down, cubic in a word's length, which `max_input_chars_per_word` in the file leaves unbounded.
import { Tokenizer } from '@huggingface/tokenizers';
import { BaseTokenizer } from './base-tokenizer.js';
import { cleanUpTokenization, rustWordPieceDecode } from './decoder/decoders.js';
import { TokenizerError } from './errors.js';
import { checkVocabSize, vocabToText } from './model/vocab.js';
import { WordPieceTrie } from './model/wordpiece.js';
import { charTableFor } from './normalizer/char-table.js';
import { resolveTokenizerOptions, tokenizerOptionsFromConfig } from './options.js';
import { AddedTokenMatcher } from './pre-tokenizer/added-tokens.js';
import { BertPreTokenizer } from './pre-tokenizer/bert-pre-tokenizer.js';
import type { Sequence } from './sequence.js';
import { SequenceBuilder } from './sequence-builder.js';

type Json = Record<string, unknown>;

interface LibraryModel {
  tokens_to_ids: Map<string, number>;
  vocab: string[];
}

function unsupported(message: string): TokenizerError {
  return new TokenizerError('UNSUPPORTED_TOKENIZER_JSON', message);
}

function isObject(v: unknown): v is Json {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/**
 * The WordPiece model's own vocabulary (token -> id): the library's map, which the added tokens were
 * put into, with them taken back out (or given back their model id); its size bounded.
 */
function wordPieceVocab(model: LibraryModel, modelVocab: Json, added: readonly Json[]): Map<string, number> {
  checkVocabSize(model.tokens_to_ids.size, 'tokenizer.json');
  const vocab = new Map(model.tokens_to_ids);
  for (const t of added) {
    if (typeof t.content !== 'string') continue;
    if (Object.hasOwn(modelVocab, t.content)) vocab.set(t.content, modelVocab[t.content] as number);
    else vocab.delete(t.content);
  }
  return vocab;
}

export class ConvBertTokenizerFast extends BaseTokenizer {
  protected readonly flavour = 'rust' as const;
  private readonly model: LibraryModel;
  private readonly preTokenizer: BertPreTokenizer;
  private readonly added: AddedTokenMatcher;
  private readonly builder: SequenceBuilder;
  private readonly decoderPrefix: string;
  private readonly decoderCleanup: boolean;
  private readonly tokenizerJson: Json;

  private constructor(json: Json, config: Json) {
    const options = resolveTokenizerOptions(tokenizerOptionsFromConfig(config));
    const modelJson = json.model;
    // Older files (like bert-base-uncased's) omit the model type; Rust infers WordPiece from its fields.
    const isWordPiece =
      isObject(modelJson) &&
      (modelJson.type === 'WordPiece' ||
        (modelJson.type === undefined &&
          Object.hasOwn(modelJson, 'continuing_subword_prefix') &&
          Object.hasOwn(modelJson, 'max_input_chars_per_word')));
    if (!isWordPiece || !isObject(modelJson.vocab)) {
      throw unsupported('tokenizer.json must have a WordPiece model with a vocab (a BERT/ConvBERT tokenizer).');
    }
    const normalizer = json.normalizer;
    if (!isObject(normalizer) || normalizer.type !== 'BertNormalizer') {
      throw unsupported('tokenizer.json must use the BertNormalizer (a BERT/ConvBERT tokenizer).');
    }
    if (!isObject(json.pre_tokenizer) || json.pre_tokenizer.type !== 'BertPreTokenizer') {
      throw unsupported('tokenizer.json must use the BertPreTokenizer (a BERT/ConvBERT tokenizer).');
    }
    // Python's ConvBertTokenizerFast rewrites the normalizer when tokenizer_config.json disagrees with it.
    const rawStrip = config.strip_accents === undefined ? null : (config.strip_accents as boolean | null);
    const lowercase = options.doLowerCase;
    const handleChinese = options.tokenizeChineseChars;
    const patched: Json = {
      ...json,
      normalizer: { ...normalizer, lowercase, strip_accents: rawStrip, handle_chinese_chars: handleChinese },
    };
    let backend: Tokenizer;
    try {
      backend = new Tokenizer(patched, config);
    } catch (e) {
      throw new TokenizerError('INVALID_TOKENIZER_JSON', `@huggingface/tokenizers rejected tokenizer.json: ${(e as Error).message}`);
    }
    const model = backend.model as unknown as LibraryModel | null;
    if (!model || !(model.tokens_to_ids instanceof Map)) {
      throw unsupported('tokenizer.json did not give a WordPiece model.');
    }
    super(options, model.vocab, (t) => model.tokens_to_ids.get(t), 'rust');
    this.tokenizerJson = patched;
    this.model = model;
    if (normalizer.clean_text === false) throw unsupported('BertNormalizer with clean_text false is not supported.');
    const table = charTableFor({
      flavour: 'rust',
      lowercase,
      stripAccents: rawStrip ?? lowercase,
      handleChineseChars: handleChinese,
    });
    this.preTokenizer = new BertPreTokenizer(table, null);
    const addedTokens = Array.isArray(json.added_tokens) ? (json.added_tokens as Json[]).filter(isObject) : [];
    const vocab = wordPieceVocab(model, modelJson.vocab, addedTokens);
    this.added = new AddedTokenMatcher(
      addedTokens
        .filter((t) => typeof t.content === 'string' && typeof t.id === 'number')
        .map((t) => ({ text: t.content as string, id: t.id as number })),
    );
    this.checkPostProcessor(json.post_processor);
    const decoder = json.decoder;
    this.decoderPrefix = isObject(decoder) && typeof decoder.prefix === 'string' ? decoder.prefix : '##';
    this.decoderCleanup = isObject(decoder) && typeof decoder.cleanup === 'boolean' ? decoder.cleanup : true;
    const prefix = typeof modelJson.continuing_subword_prefix === 'string' ? modelJson.continuing_subword_prefix : '##';
    const maxChars = typeof modelJson.max_input_chars_per_word === 'number' ? modelJson.max_input_chars_per_word : 100;
    const trie = new WordPieceTrie(vocab, { continuingSubwordPrefix: prefix, maxInputCharsPerWord: maxChars, unkId: this.unkTokenId });
    this.builder = new SequenceBuilder(trie, vocab, this.unkTokenId);
  }

  private checkPostProcessor(pp: unknown): void {
    if (!isObject(pp)) throw unsupported('tokenizer.json has no post_processor: a BERT template is needed.');
    if (pp.type === 'BertProcessing') {
      const cls = pp.cls as [string, number];
      const sep = pp.sep as [string, number];
      if (cls?.[1] !== this.clsTokenId || sep?.[1] !== this.sepTokenId) {
        throw unsupported('The BertProcessing post-processor uses other [CLS]/[SEP] ids than the vocabulary.');
      }
      return;
    }
    if (pp.type !== 'TemplateProcessing') throw unsupported(`Post-processor ${String(pp.type)} is not supported.`);
    const describe = (pieces: unknown): string =>
      (Array.isArray(pieces) ? pieces : [])
        .map((p: Json) =>
          isObject(p.SpecialToken)
            ? `${p.SpecialToken.id}:${p.SpecialToken.type_id}`
            : isObject(p.Sequence)
              ? `$${p.Sequence.id}:${p.Sequence.type_id}`
              : '?',
        )
        .join(' ');
    const single = describe(pp.single);
    const pair = describe(pp.pair);
    const c = this.clsToken;
    const s = this.sepToken;
    if (single !== `${c}:0 $A:0 ${s}:0` || pair !== `${c}:0 $A:0 ${s}:0 $B:1 ${s}:1`) {
      throw unsupported(`Only the BERT template "[CLS] $A [SEP] $B:1 [SEP]:1" is supported (got "${single}" / "${pair}").`);
    }
    const st = isObject(pp.special_tokens) ? (pp.special_tokens as Record<string, { ids?: number[] }>) : {};
    const templateId = (token: string) => (Object.hasOwn(st, token) ? st[token]?.ids?.[0] : undefined);
    if (templateId(c) !== this.clsTokenId || templateId(s) !== this.sepTokenId) {
      throw unsupported('The template special tokens have other ids than the vocabulary.');
    }
  }

  /**
   * Builds the tokenizer from tokenizer.json (text or parsed) and, optionally, the parsed
   * tokenizer_config.json (do_lower_case / strip_accents / tokenize_chinese_chars override the normalizer,
   * as in Python; special tokens, model_max_length, padding_side, truncation_side).
   */
  static fromJSON(tokenizerJson: string | Json, tokenizerConfig?: Json | null): ConvBertTokenizerFast {
    let json: unknown = tokenizerJson;
    if (typeof tokenizerJson === 'string') {
      try {
        json = JSON.parse(tokenizerJson);
      } catch (e) {
        throw new TokenizerError('INVALID_TOKENIZER_JSON', `tokenizer.json is not valid JSON: ${(e as Error).message}`);
      }
    }
    if (!isObject(json)) {
      throw new TokenizerError('INVALID_TOKENIZER_JSON', 'fromJSON needs the text or the parsed object of tokenizer.json.');
    }
    if (tokenizerConfig != null && !isObject(tokenizerConfig)) {
      throw new TokenizerError('INVALID_OPTION', 'tokenizerConfig must be the parsed tokenizer_config.json object.');
    }
    return new ConvBertTokenizerFast(json, tokenizerConfig ?? {});
  }

  get vocabSize(): number {
    return this.model.vocab.length;
  }

  getVocab(): Map<string, number> {
    return new Map(this.model.tokens_to_ids);
  }

  protected tokenId(token: string): number | undefined {
    return this.model.tokens_to_ids.get(token);
  }

  protected encodeSequence(text: string): Sequence {
    return this.builder.encode(text, this.added, this.preTokenizer);
  }

  protected tokensToText(tokens: string[], cleanUp: boolean): string {
    const s = rustWordPieceDecode(tokens, this.decoderPrefix, this.decoderCleanup);
    return cleanUp ? cleanUpTokenization(s) : s;
  }

  /** The tokenizer.json decoder on these tokens (what Python's fast tokenizer does). */
  convertTokensToString(tokens: readonly string[]): string {
    return rustWordPieceDecode(tokens, this.decoderPrefix, this.decoderCleanup);
  }

  /** vocab.txt text of the WordPiece model (tokens in id order). */
  saveVocabulary(): string {
    return vocabToText(this.model.vocab);
  }

  /** tokenizer.json as used (normalizer adjusted to the tokenizer config), for saving. */
  toJSON(): Json {
    return this.tokenizerJson;
  }
}
