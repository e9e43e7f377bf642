import { stat } from 'node:fs/promises';
import { CoreError, type ModelSource } from '@convbert/core';
import { DirectorySource } from './directory.js';
import { HubSource, type HubSourceOptions } from './hub-source.js';

/** Where `fromPretrained` and `pipeline` look for a model (a folder, or a hub id through the cache) and how they download it. */
export interface SourceOptions extends HubSourceOptions {}

async function isDirectory(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isDirectory();
  } catch {
    return false;
  }
}

/**
 * A local folder when `idOrDir` names one, else a hub repository read through the cache.
 * A path-like string (starting with `.`, `/` or `~`) that is not a folder is an error rather
 * than a hub id, so a typo never turns into a network request.
 */
export async function openSource(idOrDir: string, options: SourceOptions = {}): Promise<ModelSource> {
  if (await isDirectory(idOrDir)) return new DirectorySource(idOrDir);
  if (/^(\.|\/|~)/.test(idOrDir)) {
    throw new CoreError('MODEL_FILES_MISSING', `${idOrDir} is not a folder (and not a hub repo id)`);
  }
  return new HubSource(idOrDir, options);
}
