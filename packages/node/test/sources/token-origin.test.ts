// HF_TOKEN goes to the endpoint's origin only (issue 22, defect 5). One port of 127.0.0.1 speaks
// both https and plain http, so that an https endpoint can redirect to http:// on the very same host
// and port: comparing hosts (what the loader did) cannot tell the two apart, comparing origins can.
// The download runs in a child process that trusts the test's self-signed certificate.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createNetServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const CHILD = resolve(import.meta.dirname, '../fixtures/download-child.mjs');
const TOKEN = 'hf_secret_token';
let dir: string;
let server: Server;
let port: number;
const seen: { scheme: string; url: string; authorization?: string }[] = [];

function answer(scheme: string) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const url = req.url ?? '';
    seen.push({ scheme, url, authorization: req.headers.authorization });
    const origin = `127.0.0.1:${port}`;
    // The hub's redirect of an LFS file, to plain http on the same host and port (a downgrade) …
    if (url === '/o/r/resolve/main/down.json') return void res.writeHead(302, { location: `http://${origin}/store/down.json` }).end();
    // … and to https on the same origin (where the token is still due).
    if (url === '/o/r/resolve/main/same.json') return void res.writeHead(302, { location: `https://${origin}/store/same.json` }).end();
    if (url.startsWith('/store/')) return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    res.writeHead(404).end();
  };
}

/** Runs one hubDownload in a child process that trusts `cert`; resolves with its JSON line. */
function download(file: string, cert: string, cacheDir: string): Promise<{ ok: boolean; code?: string; message?: string }> {
  const opts = { endpoint: `https://127.0.0.1:${port}`, cacheDir, token: TOKEN, timeoutMs: 10_000 };
  const child = spawn(process.execPath, [CHILD, 'o/r', file, JSON.stringify(opts)], {
    env: { ...process.env, NODE_EXTRA_CA_CERTS: cert, HF_TOKEN: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
  });
  child.stderr.on('data', (d: Buffer) => {
    err += d.toString();
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  return new Promise((ok) =>
    child.on('close', () => {
      clearTimeout(timer);
      ok(out.trim() ? JSON.parse(out.trim().split('\n').at(-1) as string) : { ok: false, message: err });
    }),
  );
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'convbert-tls-'));
  execFileSync(
    'openssl',
    [
      ...['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1'],
      ...['-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')],
    ],
    { stdio: 'ignore' },
  );
  const tls = createHttpsServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }, answer('https'));
  const plain = createHttpServer(answer('http'));
  // A TLS connection opens with a handshake record (0x16); anything else is plain HTTP.
  server = createNetServer((socket: Socket) => {
    socket.once('data', (first: Buffer) => {
      socket.pause();
      socket.unshift(first);
      (first[0] === 0x16 ? tls : plain).emit('connection', socket);
      process.nextTick(() => socket.resume());
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  port = (server.address() as { port: number }).port;
});
afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
  rmSync(dir, { recursive: true, force: true });
});

describe('the token and redirects', () => {
  it('is not sent over plain http when an https endpoint redirects there on the same host and port', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'convbert-tls-cache-'));
    try {
      seen.length = 0;
      const result = await download('down.json', join(dir, 'cert.pem'), cacheDir);
      expect(result).toMatchObject({ ok: true });
      expect(seen.map((s) => `${s.scheme} ${s.url}`)).toEqual(['https /o/r/resolve/main/down.json', 'http /store/down.json']);
      expect(seen[0]?.authorization).toBe(`Bearer ${TOKEN}`);
      expect(seen[1]?.authorization).toBeUndefined();
    } finally {
      rmSync(cacheDir, { recursive: true, force: true });
    }
  }, 40_000);

  it('is kept on a redirect within the same origin (scheme, host and port)', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'convbert-tls-cache-'));
    try {
      seen.length = 0;
      expect(await download('same.json', join(dir, 'cert.pem'), cacheDir)).toMatchObject({ ok: true });
      expect(seen.map((s) => `${s.scheme} ${s.url} ${s.authorization}`)).toEqual([
        `https /o/r/resolve/main/same.json Bearer ${TOKEN}`,
        `https /store/same.json Bearer ${TOKEN}`,
      ]);
    } finally {
      rmSync(cacheDir, { recursive: true, force: true });
    }
  }, 40_000);
});
