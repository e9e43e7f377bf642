import {
  cacheSegments,
  checkDownloadLimits,
  checkSha256,
  DEFAULT_ENDPOINT,
  DEFAULT_REVISION,
  type DownloadLimitOptions,
  describeRef,
  HubError,
  type HubFileRef,
  hubFileRef,
  hubHttpError,
  type LoadProgress,
  type ModelSource,
  resolveUrl,
} from '@convbert/core';
import { openSafeCache, type SafeCache } from './safe-cache.js';
import { sha256Hex } from './sha256.js';

/** Download progress of one file (core's `LoadProgress`: `file`, bytes `loaded`, `total` when known). */
export type HubProgress = LoadProgress;

export interface WebHubOptions extends DownloadLimitOptions {
  /** Default `https://huggingface.co`; any server with the hub's `/{repo}/resolve/{revision}/{file}` layout. */
  endpoint?: string;
  revision?: string;
  /** Sent as `Authorization: Bearer` (private or gated repos). */
  token?: string;
  /** Cache Storage cache name (default `convbert-hub`); `false` keeps nothing between page loads. */
  cache?: string | false;
  /** Only the cache, never the network (`HUB_OFFLINE_MISS` when a file is not there). */
  localFilesOnly?: boolean;
  /** No byte for this long ends the download with `HUB_TIMEOUT`. Default 30 s. */
  timeoutMs?: number;
  fetch?: typeof fetch;
  onProgress?: (p: HubProgress) => void;
}

export const DEFAULT_CACHE_NAME = 'convbert-hub';

async function openCache(name: string | false): Promise<SafeCache | undefined> {
  // Cache Storage exists only in secure contexts (and may refuse every call); then files are simply not kept.
  return name === false ? undefined : openSafeCache(name);
}

/**
 * A hub repository read with `fetch` into Cache Storage. The cache key follows the Node cache's
 * layout (`models--owner--name/snapshots/<revision>/<file>`) under the endpoint; a file enters
 * the cache only whole and, when the hub announced a sha256, verified.
 */
export class WebHubSource implements ModelSource {
  readonly id: string;
  readonly repoId: string;
  readonly revision: string;
  readonly endpoint: string;
  private readonly options: WebHubOptions;
  private readonly fetchFn: typeof fetch;
  // exists() downloads (as the Node source does); the bytes wait here for the read() that follows.
  private readonly pending = new Map<string, Promise<Uint8Array | null>>();

  constructor(repoId: string, options: WebHubOptions = {}) {
    this.revision = options.revision ?? DEFAULT_REVISION;
    hubFileRef(repoId, 'config.json', this.revision);
    checkDownloadLimits(options);
    this.repoId = repoId;
    this.endpoint = (options.endpoint ?? DEFAULT_ENDPOINT).replace(/\/+$/, '');
    this.options = options;
    this.fetchFn = options.fetch ?? ((input, init) => fetch(input, init));
    this.id = `${repoId}@${this.revision}`;
  }

  /** The Cache Storage key of a file. */
  cacheKey(ref: HubFileRef): string {
    return `${this.endpoint}/${cacheSegments(ref).map(encodeURIComponent).join('/')}`;
  }

  async exists(name: string): Promise<boolean> {
    let p = this.pending.get(name);
    if (p === undefined) {
      p = this.fetchFile(name, true);
      this.pending.set(name, p);
    }
    try {
      const bytes = await p;
      if (bytes === null) this.pending.delete(name);
      return bytes !== null;
    } catch (err) {
      this.pending.delete(name);
      throw err;
    }
  }

  async read(name: string): Promise<Uint8Array> {
    const p = this.pending.get(name);
    this.pending.delete(name);
    const bytes = await (p ?? this.fetchFile(name, false));
    if (bytes === null)
      throw new HubError('HUB_NOT_FOUND', 'not found on the hub', describeRef(hubFileRef(this.repoId, name, this.revision)));
    return bytes;
  }

  /** The file's bytes; `null` for a missing file when `missingOk`. */
  private async fetchFile(name: string, missingOk: boolean): Promise<Uint8Array | null> {
    const ref = hubFileRef(this.repoId, name, this.revision);
    const cache = await openCache(this.options.cache ?? DEFAULT_CACHE_NAME);
    const key = this.cacheKey(ref);
    const hit = await cache?.match(key);
    if (hit) return new Uint8Array(await hit.arrayBuffer());
    if (this.options.localFilesOnly) {
      // A file missing from a cached model is absent; a model never cached is "offline and not
      // cached", not a folder without config.json.
      const modelCached = (await cache?.match(this.cacheKey(hubFileRef(this.repoId, 'config.json', this.revision)))) !== undefined;
      if (missingOk && modelCached) return null;
      throw new HubError(
        'HUB_OFFLINE_MISS',
        `${modelCached ? 'not' : `offline (localFilesOnly) and ${this.id} is not`} in the browser cache${modelCached ? ', and localFilesOnly forbids downloading it' : ': load it once online'}`,
        describeRef(ref),
      );
    }
    const res = await this.download(ref);
    if (res === null) {
      if (missingOk) return null;
      throw hubHttpError(404, ref, this.options.token !== undefined);
    }
    await cache?.put(
      key,
      new Response(res.bytes as Uint8Array<ArrayBuffer>, {
        headers: { 'content-type': 'application/octet-stream', ...(res.sha256 ? { 'x-convbert-sha256': res.sha256 } : {}) },
      }),
    );
    return res.bytes;
  }

  /**
   * A hub file's bytes (`null` for a 404). The download code (core's redirect and token rule, the
   * deadline and the size bound) is imported on demand: a model read from Cache Storage never needs it.
   */
  private async download(ref: HubFileRef): Promise<{ bytes: Uint8Array; sha256: string | null } | null> {
    const { fetchHubBytes } = await import('@convbert/core/download');
    const file = describeRef(ref);
    const url = resolveUrl(this.endpoint, ref);
    const { token, timeoutMs = 30_000, deadlineMs, maxBytes, onProgress } = this.options;
    try {
      const got = await fetchHubBytes(this.fetchFn, url, {
        token,
        timeoutMs,
        deadlineMs,
        maxBytes,
        file,
        controller: new AbortController(),
        host: 'the hub',
        onProgress: (loaded, total) => onProgress?.({ file, step: 'download', loaded, total }),
      });
      if ('failed' in got) {
        if (got.failed.status === 404) return null;
        throw hubHttpError(got.failed.status, ref, token !== undefined);
      }
      if (got.sha256) checkSha256(await sha256Hex(got.bytes), got.sha256, file);
      return got;
    } catch (err) {
      if (err instanceof HubError) throw err;
      // Browsers give no reason ("Failed to fetch"); the error itself stays as `cause`. (Node's
      // loader names the reason from the system error code: core's hubNetworkError.)
      throw new HubError(
        'HUB_NETWORK',
        `the request to ${new URL(url).host} failed (${err instanceof Error ? err.message : String(err)}): offline, blocked (CORS) or server down`,
        file,
        { cause: err },
      );
    }
  }
}

/** Empties the browser's hub cache (all repos), e.g. for a "clear cache" button. */
export async function clearHubCache(cacheName: string = DEFAULT_CACHE_NAME): Promise<boolean> {
  if (typeof caches === 'undefined') return false;
  return caches.delete(cacheName);
}
