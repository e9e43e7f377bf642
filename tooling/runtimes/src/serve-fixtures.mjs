// A read-only HTTP server over the repository's fixtures/ and the embedded models, for the
// runtimes without a file system (workerd). GET and HEAD; anything else under the root is 404.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { join, normalize, resolve, sep } from 'node:path';

const ALLOWED = ['fixtures', join('packages', 'models', 'models')];

/** Starts the server on a free port of 127.0.0.1; resolves with its base URL and a close(). */
export async function serveFixtures(root) {
  const server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^[/\\]+/, '');
    const file = resolve(root, path);
    const ok = ALLOWED.some((a) => file.startsWith(resolve(root, a) + sep));
    const info = ok ? await stat(file).catch(() => null) : null;
    if (!info?.isFile() || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': info.size });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((r) => server.close(r)) };
}
