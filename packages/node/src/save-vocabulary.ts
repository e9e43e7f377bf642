import { join, resolve } from 'node:path';
import { writeFileAtomic } from './fs/write-atomic.js';

/**
 * Writes the tokenizer's `vocab.txt` into `directory` (created if needed) and returns the
 * file's path, as the reference's `save_vocabulary` does. The file appears whole or not at all.
 */
export async function saveVocabulary(tokenizer: { saveVocabulary(): string }, directory: string, filenamePrefix?: string): Promise<string> {
  const dir = resolve(directory);
  const path = join(dir, `${filenamePrefix ? `${filenamePrefix}-` : ''}vocab.txt`);
  await writeFileAtomic(path, tokenizer.saveVocabulary());
  return path;
}
