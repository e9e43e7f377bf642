import { createWriteStream } from 'node:fs';
import { mkdir, rename, stat, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import {
  cacheSegments,
  checkSha256,
  type DownloadLimitOptions,
  describeRef,
  HubError,
  type HubFileRef,
  hubHttpError,
  hubNetworkError,
  idleTimer,
  type LoadProgress,
  resolveUrl,
} from '@convbert/core';
import { announcedLength, DownloadLimits, readHubBody } from '@convbert/core/download';
import { CacheUnwritable } from '../errors.js';
import { isOffline, resolveCacheDir, resolveEndpoint, resolveToken } from './cache-dir.js';
import { type LockTuning, lockDownload, type Release } from './cache-lock.js';
import { hubFetch } from './hub-fetch.js';
import { sha256File } from './sha256.js';
import { adoptLeftovers, pruneEmptyDirs, type Staging, stagingFor, uniqueTemp } from './staging.js';

/** A download's progress: `file` is `repo@revision/name`, `total` the bytes when the server says. */
export type DownloadProgress = LoadProgress;

export interface HubDownloadOptions extends DownloadLimitOptions {
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

const KEPT = 'what arrived is kept: run again to resume';

/** Thrown while writing when another process took this one's lock over (it had stalled past the stale time). */
class LockLost extends Error {}

// `Content-Range: bytes <start>-<end>/<total>` (a 206), or `bytes *` + `/<total>` (a 416).
function contentRange(res: Response): { start?: number; total?: number } {
  const m = /^bytes (?:(\d+)-\d+|\*)\/(\d+)$/.exec(res.headers.get('content-range') ?? '');
  return m ? { start: m[1] === undefined ? undefined : Number(m[1]), total: Number(m[2]) } : {};
}

interface Attempt {
  url: string;
  ref: HubFileRef;
  file: string;
  temp: string;
  opts: HubDownloadOptions;
  token: string | undefined;
  limits: DownloadLimits;
  lost: () => boolean;
}

interface TryResult {
  done: boolean;
  sha256: string | null;
  /** The whole file's size, when the server said. */
  total?: number;
  /** Why a try ended early (the connection broke mid-file). */
  error?: unknown;
}

/** One GET (resuming from `temp` when it has bytes); returns whether the body arrived whole. */
async function tryDownload(a: Attempt): Promise<TryResult> {
  const timeoutMs = a.opts.timeoutMs ?? 30_000;
  const have = (await sizeOf(a.temp)) ?? 0;
  const controller = new AbortController();
  const idle = idleTimer(timeoutMs, controller);
  const stopDeadline = a.limits.arm(controller);
  let answered = false;
  try {
    const { res, sha256 } = await hubFetch(a.url, a.token, idle.signal, a.file, have > 0 ? { range: `bytes=${have}-` } : {});
    answered = true;
    if (res.status === 416 && have > 0) {
      await res.body?.cancel();
      // The partial file is already whole, or longer than the file (then it starts again).
      const { total } = contentRange(res);
      if (total === have) return { done: true, sha256, total };
      await unlink(a.temp).catch(() => {});
      return { done: false, sha256 };
    }
    if (!res.ok) {
      await res.body?.cancel();
      throw hubHttpError(res.status, a.ref, a.token !== undefined, 'option token or HF_TOKEN');
    }
    // A 206 must go on where the file stops; a 200 (or another range) starts it again.
    const append = res.status === 206 && have > 0 && contentRange(res).start === have;
    const length = announcedLength(res);
    const total = length === undefined ? undefined : length + (append ? have : 0);
    if (total !== undefined) a.limits.checkSize(total, true);
    let out: ReturnType<typeof createWriteStream>;
    try {
      await mkdir(dirname(a.temp), { recursive: true });
      out = createWriteStream(a.temp, { flags: append ? 'a' : 'w' });
    } catch (err) {
      throw new CacheUnwritable(err);
    }
    let loaded: number;
    try {
      if (!res.body) throw new Error('empty body');
      loaded = await readHubBody(res.body, a.limits, append ? have : 0, async (chunk, n) => {
        if (a.lost()) throw new LockLost();
        idle.touch();
        if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
        a.opts.onProgress?.({ file: a.file, step: 'download', loaded: n, total });
      });
    } finally {
      await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
    }
    if (total !== undefined && loaded < total) return { done: false, sha256 };
    return { done: true, sha256, total };
  } catch (err) {
    if (err instanceof HubError || err instanceof CacheUnwritable || err instanceof LockLost) throw err;
    if (a.limits.expired()) throw a.limits.deadlineError(KEPT, err);
    if (idle.timedOut()) {
      throw new HubError('HUB_TIMEOUT', `no data from ${new URL(a.url).host} for ${timeoutMs} ms`, a.file, { cause: err });
    }
    // No answer at all (cannot resolve, refused, TLS): trying again changes nothing.
    if (!answered) throw hubNetworkError(err, a.url, a.file);
    return { done: false, sha256: null, error: err };
  } finally {
    idle.stop();
    stopDeadline();
  }
}

/** Moves the verified file into its snapshot folder (atomic: readers see no file or the whole one). */
async function moveIntoCache(temp: string, finalPath: string): Promise<void> {
  for (let i = 0; ; i++) {
    try {
      await mkdir(dirname(finalPath), { recursive: true });
      await rename(temp, finalPath);
      return;
    } catch (err) {
      // Another process pruned the empty folder between the mkdir and the rename: once more.
      if ((err as { code?: string }).code !== 'ENOENT' || i === 2) throw new CacheUnwritable(err);
    }
  }
}

/** The download itself, run while holding the file's lock. */
async function downloadLocked(
  ref: HubFileRef,
  finalPath: string,
  staging: Staging,
  opts: HubDownloadOptions,
  limits: DownloadLimits,
  lost: () => boolean,
): Promise<string> {
  const temp = uniqueTemp(staging);
  await adoptLeftovers(staging, temp);
  const a: Attempt = {
    url: resolveUrl(resolveEndpoint(opts.endpoint), ref),
    ref,
    file: describeRef(ref),
    temp,
    opts,
    token: resolveToken(opts.token),
    limits,
    lost,
  };
  const retries = opts.retries ?? 3;
  let lastSha: string | null = null;
  let lastError: unknown;
  for (let attempt = 0; attempt <= retries; attempt++) {
    let result: TryResult;
    try {
      limits.checkTime(KEPT);
      result = await tryDownload(a);
    } catch (err) {
      // A timeout, a deadline, a lost connection or a lost lock keep the bytes for the next holder to resume.
      const resumable =
        err instanceof LockLost || (err instanceof HubError && ['HUB_TIMEOUT', 'HUB_DEADLINE', 'HUB_NETWORK'].includes(err.code));
      if (!resumable) await unlink(temp).catch(() => {});
      throw err;
    }
    lastSha = result.sha256 ?? lastSha;
    lastError = result.error ?? lastError;
    if (!result.done) continue;
    // Checked on what is on disk, under the lock, before the file enters the cache.
    const onDisk = (await sizeOf(temp)) ?? 0;
    if (result.total !== undefined && onDisk !== result.total) {
      await unlink(temp).catch(() => {});
      lastError = new Error(`the file on disk has ${onDisk} bytes, the server announced ${result.total}`);
      continue;
    }
    if (lastSha) {
      const actual = await sha256File(temp);
      if (actual !== lastSha) await unlink(temp).catch(() => {});
      checkSha256(actual, lastSha, a.file);
    }
    if (lost()) throw new LockLost();
    await moveIntoCache(temp, finalPath);
    return finalPath;
  }
  const kept = (await sizeOf(temp)) ?? 0;
  if (kept === 0) await unlink(temp).catch(() => {});
  const cause = hubNetworkError(lastError, a.url, undefined).message;
  throw new HubError(
    'HUB_NETWORK',
    kept > 0
      ? `the connection broke ${retries + 1} times during the download (${cause}); ${kept} bytes are kept: run again to resume`
      : `the connection broke ${retries + 1} times during the download (${cause}) and nothing was kept`,
    a.file,
    { cause: lastError },
  );
}

/**
 * The local path of a hub file, downloading it into the cache if needed. The file appears at its
 * final path only once whole and verified (its size, and its sha256 when the hub announced one).
 * Processes sharing the cache take turns through a lock per file; each writes its own temporary
 * file under `<cache>/.downloads/`, from which a later call resumes with a `Range` request.
 * `tuning` is for tests (a shorter stale-lock time).
 */
export async function hubDownload(ref: HubFileRef, opts: HubDownloadOptions = {}, tuning: LockTuning = {}): Promise<string> {
  let cacheDir: string;
  try {
    cacheDir = resolveCacheDir(opts.cacheDir);
  } catch (err) {
    throw new CacheUnwritable(err);
  }
  const finalPath = join(cacheDir, ...cacheSegments(ref));
  const arrived = async () => (await sizeOf(finalPath)) !== null;
  if (await arrived()) return finalPath;
  if (isOffline(opts.localFilesOnly)) {
    throw new HubError(
      'HUB_OFFLINE_MISS',
      'not in the cache, and offline mode (localFilesOnly or HF_HUB_OFFLINE) forbids downloading it',
      describeRef(ref),
    );
  }
  const limits = new DownloadLimits(opts, describeRef(ref));
  const staging = stagingFor(cacheDir, ref);
  for (;;) {
    let lost = false;
    let release: Release | undefined;
    try {
      release = await lockDownload(staging, limits, arrived, () => (lost = true), tuning);
      // Checked again under the lock: another process may have finished the file meanwhile.
      if (!release || (await arrived())) return finalPath;
      return await downloadLocked(ref, finalPath, staging, opts, limits, () => lost);
    } catch (err) {
      // This process stalled and another took its turn: wait for that one, as any waiter does.
      if (!(err instanceof LockLost)) throw err;
    } finally {
      await release?.().catch(() => {});
      await pruneEmptyDirs(staging.dir, cacheDir);
    }
  }
}
