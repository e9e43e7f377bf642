import { readFile, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import {
  cacheSegments,
  checkDownloadLimits,
  DEFAULT_REVISION,
  HubError,
  hubFileRef,
  type LocalFile,
  type ModelSource,
} from '@convbert/core';
import { CacheUnwritable } from '../errors.js';
import { resolveCacheDir } from './cache-dir.js';
import { type HubDownloadOptions, hubDownload } from './download.js';
import { openLocalFile } from './local-file.js';
import { hubDownloadToMemory, warnInMemory } from './memory-download.js';

export interface HubSourceOptions extends HubDownloadOptions {
  revision?: string;
}

/**
 * A model on the hub (or a server with its layout, `HF_ENDPOINT`), read through the
 * verified cache. `exists` downloads the file when it is there: asking is followed by reading.
 */
export class HubSource implements ModelSource {
  readonly id: string;
  private readonly revision: string;

  constructor(
    private readonly repoId: string,
    private readonly options: HubSourceOptions = {},
  ) {
    this.revision = options.revision ?? DEFAULT_REVISION;
    hubFileRef(repoId, 'config.json', this.revision);
    checkDownloadLimits(options);
    this.id = `${repoId}@${this.revision}`;
  }

  /** The local path of a file, downloading it if needed. */
  path(name: string): Promise<string> {
    return hubDownload(hubFileRef(this.repoId, name, this.revision), this.options);
  }

  // Files downloaded into memory because the cache cannot be written (exists() then read()).
  private readonly inMemory = new Map<string, Uint8Array>();

  /** The file from the cache, or into memory (one warning) when the cache cannot be written. */
  private async fetchFile(name: string): Promise<{ path: string } | { bytes: Uint8Array }> {
    const held = this.inMemory.get(name);
    if (held) return { bytes: held };
    try {
      return { path: await this.path(name) };
    } catch (err) {
      if (!(err instanceof CacheUnwritable)) throw err;
      warnInMemory(err);
      const bytes = await hubDownloadToMemory(hubFileRef(this.repoId, name, this.revision), this.options);
      this.inMemory.set(name, bytes);
      return { bytes };
    }
  }

  async exists(name: string): Promise<boolean> {
    try {
      await this.fetchFile(name);
      return true;
    } catch (err) {
      if (err instanceof HubError && err.code === 'HUB_NOT_FOUND') return false;
      // Offline, a file missing from a cached snapshot is absent; with no snapshot at all the
      // model was never downloaded, and "has no config.json" would point the wrong way.
      if (err instanceof HubError && err.code === 'HUB_OFFLINE_MISS') {
        if (await this.snapshotCached()) return false;
        throw new HubError(
          'HUB_OFFLINE_MISS',
          `offline (localFilesOnly or HF_HUB_OFFLINE) and not in the cache ${resolveCacheDir(this.options.cacheDir)}: run once online, or pass a local folder`,
          this.id,
          { cause: err },
        );
      }
      throw err;
    }
  }

  /** Whether this repo and revision have a snapshot folder in the cache. */
  private async snapshotCached(): Promise<boolean> {
    const config = join(resolveCacheDir(this.options.cacheDir), ...cacheSegments(hubFileRef(this.repoId, 'config.json', this.revision)));
    try {
      return (await stat(dirname(config))).isDirectory();
    } catch {
      return false;
    }
  }

  /** The cached file, opened in place (undefined when it was downloaded into memory). */
  async openLocal(name: string): Promise<LocalFile | undefined> {
    const f = await this.fetchFile(name);
    return 'path' in f ? openLocalFile(f.path) : undefined;
  }

  async read(name: string): Promise<Uint8Array> {
    const f = await this.fetchFile(name);
    if ('bytes' in f) {
      this.inMemory.delete(name);
      return f.bytes;
    }
    return new Uint8Array(await readFile(f.path));
  }
}
