// The one rule for where a hub token goes, for Node and browsers: to the origin (scheme, host and
// port) of the endpoint the user chose, never elsewhere. Comparing hosts alone sent the token over
// plain HTTP when an https endpoint redirected to http:// on the same host.
import { HubError } from './errors.js';
import { announcedSha256 } from './etag.js';

/** The part of a WHATWG `Response` this needs (core is typed without DOM or Node). */
export interface HubResponseLike {
  readonly status: number;
  /** `opaqueredirect` where the runtime hides a redirect from scripts (browsers). */
  readonly type?: string;
  readonly headers: { get(name: string): string | null };
  readonly body: { cancel(): Promise<void> } | null;
}

/** The part of WHATWG `fetch` this needs. */
export type HubFetchLike<Res extends HubResponseLike, Signal> = (
  url: string,
  init: { headers: Record<string, string>; redirect: 'manual' | 'follow'; signal: Signal },
) => Promise<Res>;

interface UrlLike {
  readonly href: string;
  readonly origin: string;
}
const { URL } = globalThis as unknown as { URL: new (url: string, base?: string) => UrlLike };

/** Redirects followed before giving up (the hub uses one, to its file store). */
const MAX_REDIRECTS = 5;

export interface HubGetOptions<Signal> {
  /** Sent as `Authorization: Bearer` to the first URL's origin only. */
  token: string | undefined;
  /** Headers for every hop (a `Range`). */
  headers?: Record<string, string>;
  signal: Signal;
  /** The file, for errors. */
  file: string;
}

/**
 * A GET of a hub file, following redirects by hand: the token goes only to hops on the first URL's
 * origin (an https → http downgrade is another origin), and the sha256 the hub announces on the
 * redirect of an LFS file (`X-Linked-Etag`) is kept. Where the runtime hides redirects (browsers:
 * `opaqueredirect`), the browser follows them and, by the Fetch standard, drops `Authorization`
 * when the origin changes.
 */
export async function hubGet<Res extends HubResponseLike, Signal>(
  fetchFn: HubFetchLike<Res, Signal>,
  url: string,
  options: HubGetOptions<Signal>,
): Promise<{ res: Res; sha256: string | null }> {
  const origin = new URL(url).origin;
  let current = url;
  let sha256: string | null = null;
  for (let hop = 0; ; hop++) {
    const headers = { ...options.headers };
    if (options.token && new URL(current).origin === origin) headers.authorization = `Bearer ${options.token}`;
    let res = await fetchFn(current, { headers, redirect: 'manual', signal: options.signal });
    if (res.type === 'opaqueredirect') res = await fetchFn(current, { headers, redirect: 'follow', signal: options.signal });
    sha256 ??= announcedSha256((n) => res.headers.get(n));
    const location = res.status >= 300 && res.status < 400 ? res.headers.get('location') : null;
    if (!location) return { res, sha256 };
    await res.body?.cancel();
    if (hop === MAX_REDIRECTS) throw new HubError('HUB_HTTP', `the hub redirected more than ${MAX_REDIRECTS} times`, options.file);
    current = new URL(location, current).href;
  }
}
