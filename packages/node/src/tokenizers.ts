import { checkOptions } from '@convbert/core';
import { loadTokenizer, type TokenizerLoadOptions } from '@convbert/heads';
import type { ConvBertTokenizer, ConvBertTokenizerFast } from '@convbert/tokenizer';
import { openSource, type SourceOptions } from './source/open.js';

/**
 * `AutoTokenizer.fromPretrained(idOrDir)`: the fast tokenizer when the model has
 * `tokenizer.json`, else WordPiece from `vocab.txt` and `tokenizer_config.json`.
 */
export const AutoTokenizer = {
  async fromPretrained(
    idOrDir: string,
    options: SourceOptions & TokenizerLoadOptions = {},
  ): Promise<ConvBertTokenizer | ConvBertTokenizerFast> {
    const { useFast, ...source } = checkOptions<SourceOptions & TokenizerLoadOptions>(
      options,
      { known: ['revision', 'cacheDir', 'localFilesOnly', 'token', 'endpoint', 'timeoutMs', 'retries', 'onProgress', 'useFast'] },
      'AutoTokenizer.fromPretrained options',
    );
    return loadTokenizer(await openSource(idOrDir, source), { useFast });
  },
};
