/**
 * The sha256 the hub announces for a file. For LFS files (weights) it sends it as
 * `X-Linked-Etag` (on the redirect) or as the `ETag` of the file itself; small git files
 * carry a git blob sha1 instead, which is not a content sha256 and is not checked.
 */
export function announcedSha256(header: (name: string) => string | null): string | null {
  for (const name of ['x-linked-etag', 'etag']) {
    const raw = header(name);
    if (!raw) continue;
    const value = raw.trim().replace(/^W\//, '').replace(/^"|"$/g, '').toLowerCase();
    if (/^[0-9a-f]{64}$/.test(value)) return value;
  }
  return null;
}
