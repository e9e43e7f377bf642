// The bench's web server: folders under URL prefixes on 127.0.0.1, every response with COOP/COEP
// (a cross-origin isolated page gets SharedArrayBuffer: wasm threads) and a long max-age, as a site
// serves its static assets, so that a revisit finds the browser's HTTP cache as it would in real use.
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const TYPES = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
};

/** `mounts`: URL prefix (`/ort/`) → folder. Returns the origin, the bytes sent per path, and `close`. */
export async function serve(mounts) {
  const sent = new Map();
  const prefixes = Object.keys(mounts).sort((a, b) => b.length - a.length);
  const server = createServer((req, res) => {
    res.setHeader('cross-origin-opener-policy', 'same-origin');
    res.setHeader('cross-origin-embedder-policy', 'require-corp');
    res.setHeader('cross-origin-resource-policy', 'same-origin');
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const prefix = prefixes.find((p) => path.startsWith(p));
    const file = prefix === undefined ? undefined : normalize(join(mounts[prefix], path.slice(prefix.length) || 'index.html'));
    let size;
    try {
      if (file?.startsWith(join(normalize(mounts[prefix]), sep))) size = statSync(file).isFile() ? statSync(file).size : undefined;
    } catch {}
    if (size === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const etag = `"${size}-${statSync(file).mtimeMs}"`;
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, { etag }).end();
      return;
    }
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'content-length': String(size),
      'cache-control': 'public, max-age=3600',
      etag,
    });
    if (req.method === 'HEAD') return void res.end();
    sent.set(path, (sent.get(path) ?? 0) + size);
    createReadStream(file).pipe(res);
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    sent,
    close: () =>
      new Promise((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
