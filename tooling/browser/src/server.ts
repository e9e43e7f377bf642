import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** Extra routes: return true when the request was answered. */
export type Handler = (req: IncomingMessage, res: ServerResponse, url: URL) => boolean | Promise<boolean>;

export interface StaticServerOptions {
  /** Folder served at `/` (`index.html` for folders). */
  root: string;
  /** Further folders: URL prefix (e.g. `/__fixtures__/`) → folder. */
  mounts?: Record<string, string>;
  handlers?: Handler[];
}

export interface StaticServer {
  origin: string;
  close(): Promise<void>;
}

/** Cross-origin isolation (SharedArrayBuffer, wasm threads) needs these on every response. */
export const ISOLATION_HEADERS = {
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-embedder-policy': 'require-corp',
  'cross-origin-resource-policy': 'same-origin',
};

function inside(dir: string, rel: string): string | undefined {
  const base = resolve(dir);
  const full = normalize(join(base, decodeURIComponent(rel)));
  return full === base || full.startsWith(base + sep) ? full : undefined;
}

function sendFile(req: IncomingMessage, res: ServerResponse, path: string): void {
  const size = statSync(path).size;
  res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream', 'content-length': String(size) });
  if (req.method === 'HEAD') res.end();
  else createReadStream(path).pipe(res);
}

/** A static server on 127.0.0.1 (random port) with COOP/COEP, for built pages under test. */
export async function serveStatic(options: StaticServerOptions): Promise<StaticServer> {
  const mounts: [string, string][] = ([['/', options.root]] as [string, string][])
    .concat(Object.entries(options.mounts ?? {}))
    .sort((a, b) => b[0].length - a[0].length);
  const server = createServer(async (req, res) => {
    for (const [k, v] of Object.entries(ISOLATION_HEADERS)) res.setHeader(k, v);
    try {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      for (const h of options.handlers ?? []) if (await h(req, res, url)) return;
      for (const [prefix, dir] of mounts) {
        if (!url.pathname.startsWith(prefix)) continue;
        let path = inside(dir, url.pathname.slice(prefix.length));
        if (path && existsSync(path) && statSync(path).isDirectory()) path = join(path, 'index.html');
        if (path && existsSync(path) && statSync(path).isFile()) {
          sendFile(req, res, path);
          return;
        }
        break;
      }
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    } catch (err) {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(err));
    }
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
