import { createHash } from 'node:crypto';
import { checkSha256, describeRef, HubError, type HubFileRef, hubHttpError, hubNetworkError, resolveUrl } from '@convbert/core';
import { fetchHubBytes } from '@convbert/core/download';
import type { CacheUnwritable } from '../errors.js';
import { resolveEndpoint, resolveToken } from './cache-dir.js';
import type { HubDownloadOptions } from './download.js';

let warned = false;

/** One warning per process when hub files are kept in memory instead of the cache. */
export function warnInMemory(err: CacheUnwritable): void {
  if (warned) return;
  warned = true;
  console.warn(
    `convbert: ${err.message}; hub files are downloaded into memory on each load. Set CONVBERT_CACHE / cacheDir to a writable folder (in Deno: --allow-write=<that folder>).`,
  );
}

/**
 * A hub file's bytes, downloaded into memory (no cache): the same redirect, token, timeout,
 * deadline, size and sha256 rules as the cached download, without resuming.
 */
export async function hubDownloadToMemory(ref: HubFileRef, opts: HubDownloadOptions = {}): Promise<Uint8Array> {
  const url = resolveUrl(resolveEndpoint(opts.endpoint), ref);
  const token = resolveToken(opts.token);
  const file = describeRef(ref);
  try {
    const got = await fetchHubBytes<Response, AbortSignal>((u, init) => fetch(u, init), url, {
      token,
      timeoutMs: opts.timeoutMs ?? 30_000,
      deadlineMs: opts.deadlineMs,
      maxBytes: opts.maxBytes,
      file,
      controller: new AbortController(),
      host: new URL(url).host,
      onProgress: (loaded, total) => opts.onProgress?.({ file, step: 'download', loaded, total }),
    });
    if ('failed' in got) throw hubHttpError(got.failed.status, ref, token !== undefined, 'option token or HF_TOKEN');
    if (got.sha256) checkSha256(createHash('sha256').update(got.bytes).digest('hex'), got.sha256, file);
    return got.bytes;
  } catch (err) {
    if (err instanceof HubError) throw err;
    throw hubNetworkError(err, url, file);
  }
}
