import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { GraphCache } from '@convbert/core';
import { resolveCacheDir } from './hub/cache-dir.js';

/**
 * Built graphs as files under `<cache>/graphs/<sha256>.onnx`. Written to a temporary name
 * and renamed, so a crash or a concurrent load never leaves half a graph under the key.
 */
export class FileGraphCache implements GraphCache {
  readonly dir: string;

  constructor(cacheDir?: string) {
    this.dir = join(resolveCacheDir(cacheDir), 'graphs');
  }

  async digest(parts: readonly (Uint8Array | string)[]): Promise<string> {
    const hash = createHash('sha256');
    for (const part of parts) {
      // Length-prefixed, so that ["ab", "c"] and ["a", "bc"] differ.
      const bytes = typeof part === 'string' ? Buffer.from(part, 'utf8') : part;
      hash.update(`${bytes.byteLength}:`);
      hash.update(bytes);
    }
    return hash.digest('hex');
  }

  async get(key: string): Promise<Uint8Array | undefined> {
    try {
      return new Uint8Array(await readFile(join(this.dir, `${key}.onnx`)));
    } catch {
      return undefined;
    }
  }

  async set(key: string, graph: Uint8Array): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const final = join(this.dir, `${key}.onnx`);
    const tmp = `${final}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await writeFile(tmp, graph);
      await rename(tmp, final);
    } catch (err) {
      await unlink(tmp).catch(() => {});
      throw err;
    }
  }
}
