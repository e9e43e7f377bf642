import { type ModelSource, utf8Decode } from '@convbert/core';
import { loadTokenizer, type TokenizerLoadOptions } from '@convbert/heads';
import { ConvBertTokenizer, ConvBertTokenizerFast, tokenizerOptionsFromConfig, wordPieceTokenizerJson } from '@convbert/tokenizer';

async function readJson(source: ModelSource, name: string): Promise<Record<string, unknown>> {
  return (await source.exists(name)) ? (JSON.parse(utf8Decode(await source.read(name))) as Record<string, unknown>) : {};
}

/**
 * The tokenizer of a model folder as transformers' AutoTokenizer makes it: the fast tokenizer,
 * from `tokenizer.json` or, for a folder with only `vocab.txt`, from the tokenizer.json that
 * Python's converter would write (the reference's pipelines use it, e.g. to spell grouped
 * entities with the WordPiece decoder). `useFast: false`, or a `never_split` list (which has no
 * tokenizer.json form), gives the WordPiece tokenizer. (In the browser, @convbert/web keeps the
 * WordPiece tokenizer for vocab-only folders: the converter would not fit its size budget.)
 */
export async function loadNodeTokenizer(
  source: ModelSource,
  options: TokenizerLoadOptions = {},
): Promise<ConvBertTokenizer | ConvBertTokenizerFast> {
  if (options.useFast === false || (await source.exists('tokenizer.json')) || !(await source.exists('vocab.txt'))) {
    return loadTokenizer(source, options);
  }
  const merged = { ...(await readJson(source, 'special_tokens_map.json')), ...(await readJson(source, 'tokenizer_config.json')) };
  const tokOptions = tokenizerOptionsFromConfig(merged);
  const vocab = utf8Decode(await source.read('vocab.txt'));
  if (tokOptions.neverSplit?.length) return ConvBertTokenizer.fromVocab(vocab, tokOptions);
  return ConvBertTokenizerFast.fromJSON(wordPieceTokenizerJson(vocab, tokOptions), merged);
}
