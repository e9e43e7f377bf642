import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** `cacheDir` option, else `CONVBERT_CACHE`, else `~/.cache/convbert`. */
export function resolveCacheDir(cacheDir?: string): string {
  if (cacheDir) return resolve(cacheDir);
  const fromEnv = process.env.CONVBERT_CACHE;
  if (fromEnv) return resolve(fromEnv);
  return join(homedir(), '.cache', 'convbert');
}

/** `HF_HUB_OFFLINE=1` (as in Python) forbids the network; so does `localFilesOnly`. */
export function isOffline(localFilesOnly?: boolean): boolean {
  if (localFilesOnly) return true;
  const v = process.env.HF_HUB_OFFLINE;
  return v === '1' || v?.toLowerCase() === 'true' || v?.toLowerCase() === 'yes';
}

export function resolveEndpoint(endpoint?: string): string {
  return endpoint ?? process.env.HF_ENDPOINT ?? 'https://huggingface.co';
}

export function resolveToken(token?: string): string | undefined {
  return token ?? process.env.HF_TOKEN ?? undefined;
}
