import { readFile } from 'node:fs/promises';
import { DEFAULT_REVISION, HubError, hubFileRef, type ModelSource } from '@convbert/core';
import { type HubDownloadOptions, hubDownload } from './download.js';

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
    this.id = `${repoId}@${this.revision}`;
  }

  /** The local path of a file, downloading it if needed. */
  path(name: string): Promise<string> {
    return hubDownload(hubFileRef(this.repoId, name, this.revision), this.options);
  }

  async exists(name: string): Promise<boolean> {
    try {
      await this.path(name);
      return true;
    } catch (err) {
      if (err instanceof HubError && (err.code === 'HUB_NOT_FOUND' || err.code === 'HUB_OFFLINE_MISS')) return false;
      throw err;
    }
  }

  async read(name: string): Promise<Uint8Array> {
    return new Uint8Array(await readFile(await this.path(name)));
  }
}
