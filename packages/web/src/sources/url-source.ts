import { checkFilename, type ModelSource } from '@convbert/core';
import { WebError } from '../errors.js';

/** `UrlSource`'s options. */
export interface UrlSourceOptions {
  /** Another fetch (auth headers, tests). Default: the global `fetch`. */
  fetch?: typeof fetch;
  /** Extra request settings (headers, credentials). */
  init?: RequestInit;
}

/**
 * A model folder served by your own site or any static server: `new UrlSource('/models/my-model/')`
 * reads `/models/my-model/config.json` and so on. File names follow the hub's rules (no `..`).
 */
export class UrlSource implements ModelSource {
  readonly id: string;
  private readonly base: string;
  private readonly fetchFn: typeof fetch;
  private readonly init: RequestInit;

  constructor(baseUrl: string | URL, options: UrlSourceOptions = {}) {
    const raw = String(baseUrl);
    if (raw.length === 0) throw new WebError('INVALID_ARGUMENT', 'UrlSource needs the URL of the model folder');
    const withSlash = raw.endsWith('/') ? raw : `${raw}/`;
    const here = (globalThis as { location?: { href: string } }).location?.href;
    try {
      this.base = new URL(withSlash, here).href;
    } catch (err) {
      throw new WebError('INVALID_ARGUMENT', `"${raw}" is not a URL (or a path on this site)`, { cause: err });
    }
    this.id = this.base;
    this.fetchFn = options.fetch ?? ((input, init) => fetch(input, init));
    this.init = options.init ?? {};
  }

  /** The URL of a model file. */
  url(name: string): string {
    checkFilename(name);
    return new URL(name.split('/').map(encodeURIComponent).join('/'), this.base).href;
  }

  private async request(name: string, method: 'GET' | 'HEAD'): Promise<Response> {
    const url = this.url(name);
    try {
      return await this.fetchFn(url, { ...this.init, method });
    } catch (err) {
      throw new WebError('NETWORK_ERROR', `${url}: the request failed (${err instanceof Error ? err.message : String(err)})`, {
        cause: err,
      });
    }
  }

  /** Whether the server has this file. */
  async exists(name: string): Promise<boolean> {
    let res = await this.request(name, 'HEAD');
    // Some servers answer HEAD with 405; a GET then tells (and its body is dropped).
    if (res.status === 405 || res.status === 501) {
      res = await this.request(name, 'GET');
      await res.body?.cancel();
    }
    if (res.ok) return !this.isSpaFallback(name, res);
    if (res.status === 404 || res.status === 410) return false;
    throw new WebError('HTTP_ERROR', `${this.url(name)}: the server answered HTTP ${res.status}`);
  }

  /**
   * Single-page-app servers (Vite dev, many static hosts) answer every unknown path with
   * index.html and status 200: an HTML page for a model file means the file is not there.
   */
  private isSpaFallback(name: string, res: Response): boolean {
    return /^text\/html\b/i.test(res.headers.get('content-type') ?? '') && !/\.html?$/i.test(name);
  }

  /** The file's URL with its ETag (or Last-Modified) and length, as HTTP caches tell versions apart. */
  async identity(name: string): Promise<string | undefined> {
    const h = (await this.request(name, 'HEAD')).headers;
    const tag = h.get('etag') ?? h.get('last-modified');
    return tag ? `${this.url(name)} ${tag} ${h.get('content-length')}` : undefined;
  }

  async read(name: string): Promise<Uint8Array> {
    const res = await this.request(name, 'GET');
    if (res.ok && this.isSpaFallback(name, res)) {
      await res.body?.cancel();
      throw new WebError('MODEL_FILES_MISSING', `${this.url(name)} does not exist (the server sent its HTML page instead)`);
    }
    if (res.status === 404 || res.status === 410)
      throw new WebError('MODEL_FILES_MISSING', `${this.url(name)} does not exist (HTTP ${res.status})`);
    if (!res.ok) throw new WebError('HTTP_ERROR', `${this.url(name)}: the server answered HTTP ${res.status}`);
    return new Uint8Array(await res.arrayBuffer());
  }
}
