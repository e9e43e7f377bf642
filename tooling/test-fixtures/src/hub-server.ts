// Test-only: a Hugging Face hub look-alike on 127.0.0.1 that serves local folders in the
// `/{repo}/resolve/{revision}/{file}` layout, with the misbehaviours the loaders must survive.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type Misbehaviour =
  | { kind: 'wrong-sha' }
  | { kind: 'not-found' }
  /** The first `times` GETs send half the bytes, then drop the connection. */
  | { kind: 'cut'; times: number }
  /** Waits this long before sending any byte. */
  | { kind: 'slow'; delayMs: number }
  /** Answers 401 unless `Authorization: Bearer <token>`. */
  | { kind: 'private'; token: string }
  /** Redirects to `/cdn/...` with the sha256 on the redirect as `X-Linked-Etag`, like LFS files. */
  | { kind: 'lfs-redirect' }
  /**
   * Sends the body `chunkBytes` at a time, one chunk every `everyMs` (downloads that overlap, or
   * trickle); without `Content-Length` when `length` is false.
   */
  | { kind: 'paced'; chunkBytes: number; everyMs: number; length?: boolean };

export interface HubServer {
  endpoint: string;
  /** Every request seen: method, url, range header, authorization header, body bytes sent so far. */
  requests: { method: string; url: string; range?: string; authorization?: string; sent: number }[];
  close(): Promise<void>;
}

/**
 * `repos` maps a repo id to a local folder; `behaviour` maps `repo/file` to a misbehaviour.
 * Files are sent with `ETag: "<sha256>"` (as the hub does for LFS files) and honour `Range`.
 */
export async function startHubServer(repos: Record<string, string>, behaviour: Record<string, Misbehaviour> = {}): Promise<HubServer> {
  const requests: HubServer['requests'] = [];
  const cuts = new Map<string, number>();

  function send(req: IncomingMessage, res: ServerResponse, key: string, path: string, seen: HubServer['requests'][number]): void {
    const body = readFileSync(path);
    const b = behaviour[key];
    const sha = b?.kind === 'wrong-sha' ? '0'.repeat(64) : createHash('sha256').update(body).digest('hex');
    const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
    const start = range ? Number(range[1]) : 0;
    if (start > body.length) {
      res.writeHead(416).end();
      return;
    }
    const part = body.subarray(start);
    res.setHeader('etag', `"${sha}"`);
    res.setHeader('accept-ranges', 'bytes');
    if (b?.kind !== 'paced' || b.length !== false) res.setHeader('content-length', String(part.length));
    if (range) res.setHeader('content-range', `bytes ${start}-${body.length - 1}/${body.length}`);
    res.writeHead(range ? 206 : 200);
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    if (b?.kind === 'cut' && (cuts.get(key) ?? 0) < b.times) {
      cuts.set(key, (cuts.get(key) ?? 0) + 1);
      res.write(part.subarray(0, Math.floor(part.length / 2)), () => res.destroy());
      return;
    }
    if (b?.kind === 'slow') {
      setTimeout(() => res.end(part), b.delayMs).unref();
      return;
    }
    if (b?.kind === 'paced') {
      let at = 0;
      const next = () => {
        if (res.destroyed) return;
        const chunk = part.subarray(at, at + b.chunkBytes);
        at += chunk.length;
        seen.sent += chunk.length;
        if (at >= part.length) res.end(chunk);
        else res.write(chunk, () => setTimeout(next, b.everyMs).unref());
      };
      next();
      return;
    }
    seen.sent += part.length;
    res.end(part);
  }

  const server: Server = createServer((req, res) => {
    const seen = {
      method: req.method ?? 'GET',
      url: req.url ?? '',
      range: req.headers.range,
      authorization: req.headers.authorization,
      sent: 0,
    };
    requests.push(seen);
    const url = decodeURIComponent((req.url ?? '').split('?')[0] ?? '');
    const cdn = /^\/cdn\/(.+?)\/-\/(.+)$/.exec(url);
    const m = cdn ? null : /^\/(.+?)\/resolve\/([^/]+)\/(.+)$/.exec(url);
    const repo = cdn ? cdn[1] : m?.[1];
    const file = cdn ? cdn[2] : m?.[3];
    const dir = repo ? repos[repo] : undefined;
    if (!dir || !file) {
      res.writeHead(404).end('Repository not found');
      return;
    }
    const key = `${repo}/${file}`;
    const b = behaviour[key];
    const path = join(dir, file);
    let exists = false;
    try {
      exists = statSync(path).isFile();
    } catch {}
    if (!exists || b?.kind === 'not-found') {
      res.writeHead(404).end('Entry not found');
      return;
    }
    if (b?.kind === 'private' && req.headers.authorization !== `Bearer ${b.token}`) {
      res.writeHead(401).end('Unauthorized');
      return;
    }
    if (b?.kind === 'lfs-redirect' && !cdn) {
      const sha = createHash('sha256').update(readFileSync(path)).digest('hex');
      res.writeHead(302, { location: `/cdn/${repo}/-/${file}`, 'x-linked-etag': `"${sha}"` }).end();
      return;
    }
    send(req, res, key, path, seen);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The size of `weights.bin` in the repos of `startLimitsHub`. */
export const LIMITS_FILE_BYTES = 64 * 1024;

/**
 * A hub for the deadline and size-bound tests, each repo holding a 64 KiB `weights.bin`:
 * `l/trickle` sends a byte every 100 ms (the file would take 1.8 hours, and no gap is long enough
 * for an idle timeout), `l/big` 4 KiB every 2 s with `Content-Length` (the size is known before
 * the body; a refusal comes long before a second chunk), `l/unsized` the same without it (the size shows only as the bytes arrive).
 * `sentTo(repo)` is the body bytes sent for a repo so far.
 */
export async function startLimitsHub(): Promise<HubServer & { sentTo(repo: string): number }> {
  const dir = mkdtempSync(join(tmpdir(), 'convbert-limits-repo-'));
  writeFileSync(join(dir, 'weights.bin'), Buffer.alloc(LIMITS_FILE_BYTES, 1));
  const hub = await startHubServer(
    { 'l/trickle': dir, 'l/big': dir, 'l/unsized': dir },
    {
      'l/trickle/weights.bin': { kind: 'paced', chunkBytes: 1, everyMs: 100 },
      'l/big/weights.bin': { kind: 'paced', chunkBytes: 4096, everyMs: 2_000 },
      'l/unsized/weights.bin': { kind: 'paced', chunkBytes: 4096, everyMs: 20, length: false },
    },
  );
  return {
    ...hub,
    sentTo: (repo) => hub.requests.filter((r) => r.url.startsWith(`/${repo}/`)).reduce((n, r) => n + r.sent, 0),
    close: async () => {
      await hub.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
