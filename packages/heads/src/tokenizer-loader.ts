// `AutoTokenizer` for ConvBERT model folders: the fast tokenizer when the folder has
// `tokenizer.json` (as transformers' AutoTokenizer prefers it), else WordPiece from `vocab.txt`.
import { CoreError, type ModelSource, utf8Decode } from '@convbert/core';
import { ConvBertTokenizer, ConvBertTokenizerFast, tokenizerOptionsFromConfig } from '@convbert/tokenizer';

export interface TokenizerLoadOptions {
  /** `false`: the WordPiece tokenizer from `vocab.txt` even when `tokenizer.json` is there. */
  useFast?: boolean;
}

async function readJson(source: ModelSource, name: string): Promise<Record<string, unknown> | null> {
  if (!(await source.exists(name))) return null;
  return JSON.parse(utf8Decode(await source.read(name))) as Record<string, unknown>;
}

export async function loadTokenizer(
  source: ModelSource,
  options: TokenizerLoadOptions = {},
): Promise<ConvBertTokenizer | ConvBertTokenizerFast> {
  const config = await readJson(source, 'tokenizer_config.json');
  if (options.useFast !== false && (await source.exists('tokenizer.json'))) {
    return ConvBertTokenizerFast.fromJSON(utf8Decode(await source.read('tokenizer.json')), config);
  }
  if (await source.exists('vocab.txt')) {
    const special = await readJson(source, 'special_tokens_map.json');
    const merged = { ...(special ?? {}), ...(config ?? {}) };
    return ConvBertTokenizer.fromVocab(utf8Decode(await source.read('vocab.txt')), tokenizerOptionsFromConfig(merged));
  }
  throw new CoreError('MODEL_FILES_MISSING', `${source.id} has no tokenizer: expected tokenizer.json or vocab.txt`);
}
