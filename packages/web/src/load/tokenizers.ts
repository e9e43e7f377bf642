import { loadTokenizer, type TokenizerLoadOptions } from '@convbert/heads';
import type { ConvBertTokenizer, ConvBertTokenizerFast } from '@convbert/tokenizer';
import { type ModelRef, resolveSource, type SourceOptions } from './source.js';

/**
 * `AutoTokenizer.fromPretrained(model)`, as in `@convbert/node`: the fast tokenizer when the model
 * has `tokenizer.json`, else WordPiece from `vocab.txt` and `tokenizer_config.json`.
 */
export const AutoTokenizer = {
  fromPretrained(model: ModelRef, options: SourceOptions & TokenizerLoadOptions = {}): Promise<ConvBertTokenizer | ConvBertTokenizerFast> {
    const { useFast, ...source } = options;
    return loadTokenizer(resolveSource(model, source), { useFast });
  },
};
