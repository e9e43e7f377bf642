// The `tokenizer.json` that Python's ConvBertTokenizerFast (convert_slow_tokenizer's BertConverter)
// writes for a WordPiece vocabulary, so a folder with only vocab.txt becomes one that every
// Hugging Face loader (transformers.js, tokenizers, Python's fast tokenizers) reads the same way.
import { TokenizerError } from './errors.js';
import { vocabLines } from './model/vocab.js';
import { resolveTokenizerOptions, type TokenizerOptions } from './options.js';

/**
 * The tokenizer.json text for a BERT-style WordPiece vocabulary and tokenizer options (as read
 * from tokenizer_config.json). `neverSplit` has no tokenizer.json form (the Python converter
 * drops it too).
 */
export function wordPieceTokenizerJson(vocabText: string, options: TokenizerOptions = {}): string {
  const o = resolveTokenizerOptions(options);
  if (typeof vocabText !== 'string')
    throw new TokenizerError('INVALID_VOCAB', 'wordPieceTokenizerJson needs the text of vocab.txt (a string).');
  const tokens = vocabLines(vocabText);
  // A Map, not an object: "constructor" or "__proto__" are tokens like any other.
  const ids = new Map<string, number>();
  for (const [i, t] of tokens.entries()) if (!ids.has(t)) ids.set(t, i);
  const id = (token: string): number => {
    const v = ids.get(token);
    if (v === undefined) throw new TokenizerError('MISSING_SPECIAL_TOKEN', `the vocabulary has no ${JSON.stringify(token)} token`);
    return v;
  };
  const specials = [o.padToken, o.unkToken, o.clsToken, o.sepToken, o.maskToken];
  const added = [...new Set(specials)]
    .map((content) => ({ id: id(content), special: true, content, single_word: false, lstrip: false, rstrip: false, normalized: false }))
    .sort((a, b) => a.id - b.id);
  const special = (t: string, typeId: number) => ({ SpecialToken: { id: t, type_id: typeId } });
  const seq = (s: 'A' | 'B', typeId: number) => ({ Sequence: { id: s, type_id: typeId } });
  const json = {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: added,
    normalizer: {
      type: 'BertNormalizer',
      clean_text: true,
      handle_chinese_chars: o.tokenizeChineseChars,
      // null lets the normalizer follow `lowercase`, as the converter writes an unset strip_accents.
      strip_accents: options.stripAccents ?? null,
      lowercase: o.doLowerCase,
    },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [special(o.clsToken, 0), seq('A', 0), special(o.sepToken, 0)],
      pair: [special(o.clsToken, 0), seq('A', 0), special(o.sepToken, 0), seq('B', 1), special(o.sepToken, 1)],
      special_tokens: {
        [o.clsToken]: { id: o.clsToken, ids: [id(o.clsToken)], tokens: [o.clsToken] },
        [o.sepToken]: { id: o.sepToken, ids: [id(o.sepToken)], tokens: [o.sepToken] },
      },
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: o.cleanUpTokenizationSpaces },
  };
  const model = { type: 'WordPiece', unk_token: o.unkToken, continuing_subword_prefix: '##', max_input_chars_per_word: 100 };
  // The vocab is written entry by entry, in id order as the Rust library writes it: an object of a
  // million keys would be slow to build and to stringify.
  const vocab = Array.from(ids, ([t, i]) => `${JSON.stringify(t)}:${i}`).join(',');
  return `${JSON.stringify(json).slice(0, -1)},"model":${JSON.stringify(model).slice(0, -1)},"vocab":{${vocab}}}}`;
}
