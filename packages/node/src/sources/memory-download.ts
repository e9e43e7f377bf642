import { createHash } from 'node:crypto';
import { checkSha256, describeRef, HubError, type HubFileRef, hubHttpError, resolveUrl } from '@convbert/core';
import type { CacheUnwritable } from '../errors.js';
import { resolveEndpoint, resolveToken } from './cache-dir.js';
import type { HubDownloadOptions } from './download.js';
import { hubFetch, hubHeaders } from './hub-fetch.js';

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
 * A hub file's bytes, downloaded into memory (no cache): the same redirect, token and sha256
 * rules as the cached download, without resuming.
 */
export async function hubDownloadToMemory(ref: HubFileRef, opts: HubDownloadOptions = {}): Promise<Uint8Array> {
  const url = resolveUrl(resolveEndpoint(opts.endpoint), ref);
  const token = resolveToken(opts.token);
  try {
    const { res, sha256 } = await hubFetch(url, hubHeaders(token), AbortSignal.timeout(opts.timeoutMs ?? 30_000));
    if (!res.ok) throw hubHttpError(res.status, ref, token !== undefined, 'option token or HF_TOKEN');
    const bytes = new Uint8Array(await res.arrayBuffer());
    opts.onProgress?.({ file: describeRef(ref), step: 'download', loaded: bytes.byteLength, total: bytes.byteLength });
    if (sha256) checkSha256(createHash('sha256').update(bytes).digest('hex'), sha256, describeRef(ref));
    return bytes;
  } catch (err) {
    if (err instanceof HubError) throw err;
    throw new HubError('HUB_NETWORK', `the download failed: ${(err as Error).message}`, describeRef(ref), { cause: err });
  }
}
