import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { GraphCache } from '@convbert/core';
import { resolveCacheDir } from './cache-dir.js';

// One warning per process, however many graphs fail to be kept.
let warned = false;

/**
 * Built graphs as files under `<cache>/graphs/<sha256>.onnx`. Written to a temporary name
 * and renamed, so a crash or a concurrent load never leaves half a graph under the key.
 * A cache that cannot be written (a read-only disk, Deno without `--allow-write`) never fails
 * a load: the graph is used from memory and one warning says why it was not kept.
 */
export class FileGraphCache implements GraphCache {
  readonly dir: string;
  // Why there is no cache folder at all (Deno without --allow-sys cannot ask for the home folder).
  private readonly unusable: unknown;

  constructor(cacheDir?: string) {
    let dir = '';
    try {
      dir = join(resolveCacheDir(cacheDir), 'graphs');
    } catch (err) {
      this.unusable = err;
    }
    this.dir = dir;
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

  /** The graph file stored under `key`, or `undefined`. */
  async get(key: string): Promise<Uint8Array | undefined> {
    if (this.unusable !== undefined) return undefined;
    try {
      return new Uint8Array(await readFile(join(this.dir, `${key}.onnx`)));
    } catch {
      return undefined;
    }
  }

  async set(key: string, graph: Uint8Array): Promise<void> {
    if (this.unusable !== undefined) {
      this.warnNotKept(this.unusable);
      return;
    }
    const final = join(this.dir, `${key}.onnx`);
    const tmp = `${final}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await mkdir(this.dir, { recursive: true });
      await writeFile(tmp, graph);
      await rename(tmp, final);
    } catch (err) {
      await unlink(tmp).catch(() => {});
      this.warnNotKept(err);
    }
  }

  private warnNotKept(err: unknown): void {
    if (warned) return;
    warned = true;
    const why = err instanceof Error ? err.message : String(err);
    console.warn(
      `convbert: could not keep the built graph in ${this.dir || 'the cache folder'} (${why}); graphs are built in memory on each load. ` +
        'Set CONVBERT_CACHE / cacheDir to a writable folder (in Deno: --allow-write=<that folder>), or graphCache: false to silence this.',
    );
  }
}
