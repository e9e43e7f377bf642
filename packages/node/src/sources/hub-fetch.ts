import { announcedSha256 } from '@convbert/core';

/** The request headers for the hub: the token as `Authorization: Bearer`. */
export function hubHeaders(token: string | undefined): Record<string, string> {
  return token ? { authorization: `Bearer ${token}` } : {};
}

/**
 * A GET of a hub file that follows the hub's redirect by hand: LFS files redirect to a file store
 * and their sha256 is on the redirect (`X-Linked-Etag`); the token stays with the hub (it is not
 * sent to another host).
 */
export async function hubFetch(
  url: string,
  headers: Record<string, string>,
  signal: AbortSignal,
): Promise<{ res: Response; sha256: string | null }> {
  let res = await fetch(url, { headers, redirect: 'manual', signal });
  let sha256 = announcedSha256((n) => res.headers.get(n));
  const location = res.status >= 300 && res.status < 400 ? res.headers.get('location') : null;
  if (location) {
    const next = new URL(location, url).toString();
    const { authorization, ...rest } = headers;
    res = await fetch(next, { headers: new URL(next).host === new URL(url).host ? headers : rest, signal });
    sha256 ??= announcedSha256((n) => res.headers.get(n));
  }
  return { res, sha256 };
}
