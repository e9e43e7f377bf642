import { hubGet } from '@convbert/core/download';

/**
 * A GET of a hub file with Node's fetch, under core's redirect rule (`hubGet`): LFS files redirect
 * to a file store and their sha256 is on the redirect (`X-Linked-Etag`); the token goes to the
 * endpoint's origin only (scheme, host and port: never to another host, never over a downgrade to http).
 */
export function hubFetch(
  url: string,
  token: string | undefined,
  signal: AbortSignal,
  file: string,
  headers: Record<string, string> = {},
): Promise<{ res: Response; sha256: string | null }> {
  return hubGet<Response, AbortSignal>((u, init) => fetch(u, init), url, { token, headers, signal, file });
}
