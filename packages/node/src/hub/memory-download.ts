import { createHash } from 'node:crypto';
import { announcedSha256, describeRef, HubError, type HubFileRef, hubHttpError, resolveUrl } from '@convbert/core';
import { resolveEndpoint, resolveToken } from './cache-dir.js';
import type { HubDownloadOptions } from './download.js';

/** The download cache's folder could not be made or written (read-only disk, Deno without --allow-write). */
export class CacheUnwritable extends Error {
  constructor(cause: unknown) {
    super(`the download cache cannot be written: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

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
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  const signal = AbortSignal.timeout(opts.timeoutMs ?? 30_000);
  let res: Response;
  try {
    res = await fetch(url, { headers, redirect: 'manual', signal });
    let sha = announcedSha256((n) => res.headers.get(n));
    if (res.status >= 300 && res.status < 400 && res.headers.get('location')) {
      const next = new URL(res.headers.get('location') as string, url).toString();
      if (new URL(next).host !== new URL(url).host) delete headers.authorization;
      res = await fetch(next, { headers, signal });
      sha ??= announcedSha256((n) => res.headers.get(n));
    }
    if (!res.ok) throw hubHttpError(res.status, ref, token !== undefined, 'option token or HF_TOKEN');
    const bytes = new Uint8Array(await res.arrayBuffer());
    opts.onProgress?.({ file: describeRef(ref), loaded: bytes.byteLength, total: bytes.byteLength });
    if (sha) {
      const actual = createHash('sha256').update(bytes).digest('hex');
      if (actual !== sha) {
        throw new HubError('HUB_CHECKSUM_MISMATCH', `sha256 ${actual} differs from the ${sha} the hub announced`, describeRef(ref));
      }
    }
    return bytes;
  } catch (err) {
    if (err instanceof HubError) throw err;
    throw new HubError('HUB_NETWORK', `the download failed: ${(err as Error).message}`, describeRef(ref), { cause: err });
  }
}
