import { readFile, stat } from 'node:fs/promises';
import { isAbsolute, join, normalize, relative, resolve } from 'node:path';
import { CoreError, type LocalFile, type ModelSource } from '@convbert/core';
import { openLocalFile } from './local-file.js';

/** A model folder on disk. Names are paths inside it; escaping the folder (`../x`) is refused. */
export class DirectorySource implements ModelSource {
  readonly id: string;

  constructor(dir: string) {
    this.id = resolve(dir);
  }

  private path(name: string): string {
    const full = resolve(this.id, normalize(name));
    const rel = relative(this.id, full);
    if (rel.startsWith('..') || isAbsolute(rel))
      throw new CoreError('HUB_INVALID_NAME', `"${name}" is outside the model folder ${this.id}`);
    return join(this.id, rel);
  }

  /** Whether the folder has this file. */
  async exists(name: string): Promise<boolean> {
    // stat, not access: Deno's access() needs --allow-sys (it reads the uid), and without it
    // the call never settles; a read-only library should need --allow-read only.
    try {
      return (await stat(this.path(name))).isFile();
    } catch {
      return false;
    }
  }

  async openLocal(name: string): Promise<LocalFile | undefined> {
    return openLocalFile(this.path(name));
  }

  async read(name: string): Promise<Uint8Array> {
    const b = await readFile(this.path(name));
    return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  }
}
