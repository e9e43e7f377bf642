import { randomBytes } from 'node:crypto';
import { mkdir, rename, unlink, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

/**
 * Writes the tokenizer's `vocab.txt` into `directory` (created if needed) and returns the
 * file's path, as the reference's `save_vocabulary` does. The file appears whole or not at all.
 */
export async function saveVocabulary(tokenizer: { saveVocabulary(): string }, directory: string, filenamePrefix?: string): Promise<string> {
  const dir = resolve(directory);
  await mkdir(dir, { recursive: true });
  const path = join(dir, `${filenamePrefix ? `${filenamePrefix}-` : ''}vocab.txt`);
  const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(tmp, tokenizer.saveVocabulary(), 'utf8');
    await rename(tmp, path);
  } catch (err) {
    await unlink(tmp).catch(() => {});
    throw err;
  }
  return path;
}
