import { checkOptions } from '@convbert/core';
import type { TokenizerLoadOptions } from '@convbert/heads';
import type { ConvBertTokenizer, ConvBertTokenizerFast } from '@convbert/tokenizer';
import { openSource, type SourceOptions } from './source/open.js';
import { loadNodeTokenizer } from './tokenizer-loader.js';

/**
 * `AutoTokenizer.fromPretrained(idOrDir)`: the fast tokenizer, from `tokenizer.json` or converted
 * from `vocab.txt` as transformers does; `useFast: false` for WordPiece from `vocab.txt`.
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
    return loadNodeTokenizer(await openSource(idOrDir, source), { useFast });
  },
};
