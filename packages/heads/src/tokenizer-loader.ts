// `AutoTokenizer` for ConvBERT model folders: the fast tokenizer when the folder has
// `tokenizer.json` (as transformers' AutoTokenizer prefers it), else from `vocab.txt`.
import { CoreError, type ModelSource, utf8Decode } from '@convbert/core';
import { ConvBertTokenizer, ConvBertTokenizerFast, type TokenizerOptions, tokenizerOptionsFromConfig } from '@convbert/tokenizer';

/** How a model folder's tokenizer is loaded. */
export interface TokenizerLoadOptions {
  /** `false`: the WordPiece tokenizer from `vocab.txt` even when `tokenizer.json` is there. */
  useFast?: boolean;
}

/**
 * The `tokenizer.json` Python's converter would write for a vocab-only folder
 * (`@convbert/tokenizer`'s `wordPieceTokenizerJson`). A platform that passes it gets the fast
 * tokenizer there, as transformers does (its pipelines use it, e.g. to spell grouped entities with
 * the WordPiece decoder); one that does not (the browser package, for its size budget) gets WordPiece.
 */
export type VocabConverter = (vocab: string, options: TokenizerOptions) => string;

async function readJson(source: ModelSource, name: string): Promise<Record<string, unknown>> {
  return (await source.exists(name)) ? (JSON.parse(utf8Decode(await source.read(name))) as Record<string, unknown>) : {};
}

/**
 * The tokenizer of a model folder: `tokenizer.json` when there (and `useFast` is not false), else
 * `vocab.txt` with `tokenizer_config.json` and `special_tokens_map.json` — converted to the fast
 * tokenizer with `convertVocab`, WordPiece without it, with `useFast: false` or with a
 * `never_split` list (which has no tokenizer.json form).
 */
export async function loadTokenizer(
  source: ModelSource,
  options: TokenizerLoadOptions = {},
  convertVocab?: VocabConverter,
): Promise<ConvBertTokenizer | ConvBertTokenizerFast> {
  const config = await readJson(source, 'tokenizer_config.json');
  if (options.useFast !== false && (await source.exists('tokenizer.json'))) {
    return ConvBertTokenizerFast.fromJSON(utf8Decode(await source.read('tokenizer.json')), config);
  }
  if (!(await source.exists('vocab.txt'))) {
    throw new CoreError('MODEL_FILES_MISSING', `${source.id} has no tokenizer: expected tokenizer.json or vocab.txt`);
  }
  const merged = { ...(await readJson(source, 'special_tokens_map.json')), ...config };
  const tokOptions = tokenizerOptionsFromConfig(merged);
  const vocab = utf8Decode(await source.read('vocab.txt'));
  if (options.useFast === false || convertVocab === undefined || tokOptions.neverSplit?.length) {
    return ConvBertTokenizer.fromVocab(vocab, tokOptions);
  }
  return ConvBertTokenizerFast.fromJSON(convertVocab(vocab, tokOptions), merged);
}
