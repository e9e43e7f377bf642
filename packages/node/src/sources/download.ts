import { createWriteStream } from 'node:fs';
import { mkdir, rename, rmdir, stat, unlink } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import {
  cacheSegments,
  checkSha256,
  describeRef,
  HubError,
  type HubFileRef,
  hubHttpError,
  hubNetworkError,
  idleTimer,
  type LoadProgress,
  resolveUrl,
} from '@convbert/core';
import { CacheUnwritable } from '../errors.js';
import { isOffline, resolveCacheDir, resolveEndpoint, resolveToken } from './cache-dir.js';
import { hubFetch, hubHeaders } from './hub-fetch.js';
import { sha256File } from './sha256.js';

/** A download's progress: `file` is `repo@revision/name`, `total` the bytes when the server says. */
export type DownloadProgress = LoadProgress;

export interface HubDownloadOptions {
  endpoint?: string;
  token?: string;
  cacheDir?: string;
  localFilesOnly?: boolean;
  /** No byte for this long (connecting or mid-file) ends the try. Default 30 s. */
  timeoutMs?: number;
  /** Further tries after a connection breaks, each resuming where the last stopped. Default 3. */
  retries?: number;
  /** Download progress; model loading also reports its build step through the same callback. */
  onProgress?: (p: LoadProgress) => void;
}

async function sizeOf(path: string): Promise<number | null> {
  try {
    return (await stat(path)).size;
  } catch {
    return null;
  }
}

interface TryResult {
  done: boolean;
  sha256: string | null;
  /** Why a try ended early (the connection broke mid-file). */
  error?: unknown;
}

/** One GET (resuming from `partial` when it has bytes); returns whether the body arrived whole. */
async function tryDownload(
  url: string,
  ref: HubFileRef,
  partial: string,
  opts: HubDownloadOptions,
  token: string | undefined,
): Promise<TryResult> {
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const have = (await sizeOf(partial)) ?? 0;
  const idle = idleTimer(timeoutMs, new AbortController());
  let answered = false;
  try {
    const headers = hubHeaders(token);
    if (have > 0) headers.range = `bytes=${have}-`;
    const { res, sha256: sha } = await hubFetch(url, headers, idle.signal);
    answered = true;
    if (res.status === 416 && have > 0) return { done: true, sha256: sha };
    if (!res.ok) throw hubHttpError(res.status, ref, token !== undefined, 'option token or HF_TOKEN');
    const append = res.status === 206 && have > 0;
    const length = Number(res.headers.get('content-length') ?? Number.NaN);
    const total = Number.isFinite(length) ? length + (append ? have : 0) : undefined;
    // The cache folders appear only once there is a file to put in them.
    try {
      await mkdir(dirname(partial), { recursive: true });
    } catch (err) {
      throw new CacheUnwritable(err);
    }
    const out = createWriteStream(partial, { flags: append ? 'a' : 'w' });
    let loaded = append ? have : 0;
    const file = describeRef(ref);
    try {
      if (!res.body) throw new Error('empty body');
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        idle.touch();
        if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
        loaded += chunk.byteLength;
        opts.onProgress?.({ file, step: 'download', loaded, total });
      }
    } finally {
      await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
    }
    if (total !== undefined && loaded < total) return { done: false, sha256: sha };
    return { done: true, sha256: sha };
  } catch (err) {
    if (err instanceof HubError || err instanceof CacheUnwritable) throw err;
    if (idle.timedOut()) {
      throw new HubError('HUB_TIMEOUT', `no data from ${new URL(url).host} for ${timeoutMs} ms`, describeRef(ref), { cause: err });
    }
    // No answer at all (cannot resolve, refused, TLS): trying again changes nothing.
    if (!answered) throw hubNetworkError(err, url, describeRef(ref));
    return { done: false, sha256: null, error: err };
  } finally {
    idle.stop();
  }
}

/**
 * The local path of a hub file, downloading it into the cache if needed. The file appears
 * at its final path only once whole and, when the hub announced a sha256, verified;
 * until then it is `<path>.incomplete`, from which a later call resumes with a `Range` request.
 */
export async function hubDownload(ref: HubFileRef, opts: HubDownloadOptions = {}): Promise<string> {
  let cacheDir: string;
  try {
    cacheDir = resolveCacheDir(opts.cacheDir);
  } catch (err) {
    throw new CacheUnwritable(err);
  }
  const finalPath = join(cacheDir, ...cacheSegments(ref));
  if ((await sizeOf(finalPath)) !== null) return finalPath;
  if (isOffline(opts.localFilesOnly)) {
    throw new HubError(
      'HUB_OFFLINE_MISS',
      'not in the cache, and offline mode (localFilesOnly or HF_HUB_OFFLINE) forbids downloading it',
      describeRef(ref),
    );
  }
  const partial = `${finalPath}.incomplete`;
  const url = resolveUrl(resolveEndpoint(opts.endpoint), ref);
  const token = resolveToken(opts.token);
  const retries = opts.retries ?? 3;
  const cacheRoot = resolveCacheDir(opts.cacheDir);
  let lastSha: string | null = null;
  let lastError: unknown;
  for (let attempt = 0; attempt <= retries; attempt++) {
    let result: TryResult;
    try {
      result = await tryDownload(url, ref, partial, opts, token);
    } catch (err) {
      if (err instanceof HubError && err.code !== 'HUB_TIMEOUT') await unlink(partial).catch(() => {});
      await pruneEmptyDirs(dirname(partial), cacheRoot);
      throw err;
    }
    lastSha = result.sha256 ?? lastSha;
    lastError = result.error ?? lastError;
    if (!result.done) continue;
    if (lastSha) {
      const actual = await sha256File(partial);
      if (actual !== lastSha) {
        await unlink(partial).catch(() => {});
        await pruneEmptyDirs(dirname(partial), cacheRoot);
        checkSha256(actual, lastSha, describeRef(ref));
      }
    }
    await rename(partial, finalPath);
    return finalPath;
  }
  const kept = (await sizeOf(partial)) ?? 0;
  if (kept === 0) await pruneEmptyDirs(dirname(partial), cacheRoot);
  const cause = hubNetworkError(lastError, url, undefined).message;
  throw new HubError(
    'HUB_NETWORK',
    kept > 0
      ? `the connection broke ${retries + 1} times during the download (${cause}); ${kept} bytes are kept: run again to resume`
      : `the connection broke ${retries + 1} times during the download (${cause}) and nothing was kept`,
    describeRef(ref),
    { cause: lastError },
  );
}

/** Removes `dir` and its parents while they are empty, up to (not including) `root`. */
async function pruneEmptyDirs(dir: string, root: string): Promise<void> {
  let d = dir;
  while (relative(root, d) !== '' && !relative(root, d).startsWith('..')) {
    try {
      await rmdir(d);
    } catch {
      return;
    }
    d = dirname(d);
  }
}
