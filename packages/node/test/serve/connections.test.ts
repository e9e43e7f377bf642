// The connection around the routes: timeouts per phase (slow headers, a body that never ends, idle
// keep-alive), a cap on connections, 413 read by real clients (fetch, curl) while they are still
// sending (lingering close), and `{ error, code }` answers to what Node's HTTP parser refuses.
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConvBertServer, serve } from '../../dist/index.js';
import { tempDir } from '../helpers/cli.js';
import { connect, metric, metrics, parseRaw, postJson } from './helpers.js';

// Short timeouts and few connections here; the default timeouts below, where 50 MB are uploaded.
let server: ConvBertServer;
let defaults: ConvBertServer;
beforeAll(async () => {
  [server, defaults] = await Promise.all([
    serve({ port: 0, log: false, workers: 0, headerTimeoutMs: 300, bodyTimeoutMs: 600, keepAliveTimeoutMs: 300, maxConnections: 4 }),
    serve({ port: 0, log: false, workers: 0, bodyLimit: 1024 * 1024 }),
  ]);
  await Promise.all([server.ready, defaults.ready]);
});
afterAll(() => Promise.all([server?.close(), defaults?.close()]));

describe('timeouts per phase', () => {
  it('answers 408 REQUEST_TIMEOUT to headers that never end, and closes', async () => {
    const conn = await connect(server.url, 'POST / HTTP/1.1\r\nHost: x\r\nContent-Type: appl');
    const answer = parseRaw(await conn.closed);
    expect([answer.status, answer.body.code]).toEqual([408, 'REQUEST_TIMEOUT']);
  });

  it('answers 408 to a body that never ends, and counts the request', async () => {
    const conn = await connect(
      server.url,
      'POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"inputs":',
    );
    const answer = parseRaw(await conn.closed);
    expect([answer.status, answer.body.code]).toEqual([408, 'REQUEST_TIMEOUT']);
    expect(answer.headers).toMatch(/x-request-id: \S+/);
    expect(metric(await metrics(server.url), 'convbert_requests_total', 'status="408"')).toBeGreaterThanOrEqual(1);
  });

  it('closes an idle keep-alive connection', async () => {
    const conn = await connect(server.url, 'GET /health HTTP/1.1\r\nHost: x\r\n\r\n');
    const raw = await conn.closed;
    expect(parseRaw(raw).status).toBe(200);
  });
});

describe('a cap on connections', () => {
  it('closes connections beyond maxConnections at accept, and counts them', async () => {
    const open = await Promise.all([1, 2, 3, 4].map(() => connect(server.url)));
    const extra = await connect(server.url, 'GET /health HTTP/1.1\r\nHost: x\r\n\r\n');
    expect(await extra.closed).toBe('');
    for (const c of open) c.socket.destroy();
    await Promise.all(open.map((c) => c.closed));
    expect(metric(await metrics(server.url), 'convbert_connections_dropped_total')).toBe(1);
  });
});

describe('413 that clients read (lingering close)', () => {
  const big = join(tempDir('convbert-413-'), 'big.json');
  writeFileSync(big, `{"inputs": "${'a'.repeat(50e6)}"}`);

  // Clients in their own processes, as real ones are: in this process the server would pace them.
  const run = promisify(execFile);

  it('fetch sees 413 BODY_TOO_LARGE while it is still sending 50 MB', async () => {
    const client = new URL('../fixtures/post-file.mjs', import.meta.url).pathname;
    const { stdout } = await run(process.execPath, [client, `${defaults.url}/`, big, '4']);
    expect(stdout.trim().split('\n')).toEqual(Array(4).fill('413 BODY_TOO_LARGE'));
  });

  it('curl sees 413 with its JSON body, with and without Expect: 100-continue', async () => {
    for (const expect100 of [[], [], ['-H', 'Expect:'], ['-H', 'Expect:']]) {
      const { stdout } = await run(
        'curl',
        [
          '-sS',
          '-w',
          '\\n%{http_code}',
          ...expect100,
          '-H',
          'content-type: application/json',
          '--data-binary',
          `@${big}`,
          `${defaults.url}/`,
        ],
        { maxBuffer: 1 << 20 },
      ).catch((err: { stdout: string; stderr: string }) => ({ stdout: `${err.stderr}\n${err.stdout}` }));
      const [body, status] = stdout.split('\n');
      expect(status, body).toBe('413');
      expect(JSON.parse(body).code).toBe('BODY_TOO_LARGE');
    }
  });
});

describe('what the HTTP parser refuses, as JSON', () => {
  const raw = async (request: string) => parseRaw(await (await connect(defaults.url, request)).closed);

  it('400 BAD_REQUEST for a malformed request line', async () => {
    const answer = await raw('HELLO THERE\r\n\r\n');
    expect([answer.status, answer.body.code]).toEqual([400, 'BAD_REQUEST']);
  });

  it('431 HEADERS_TOO_LARGE for headers over 16 KiB', async () => {
    const answer = await raw(`GET /health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    expect([answer.status, answer.body.code]).toEqual([431, 'HEADERS_TOO_LARGE']);
  });

  it('501 for a transfer coding other than chunked, 415 for a content coding', async () => {
    const json = '{"inputs": "a fine movie"}';
    const chunked = `${json.length.toString(16)}\r\n${json}\r\n0\r\n\r\n`;
    const gzipChunked = await raw(
      `POST / HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/json\r\nTransfer-Encoding: gzip, chunked\r\n\r\n${chunked}`,
    );
    expect([gzipChunked.status, gzipChunked.body.code]).toEqual([501, 'UNSUPPORTED_TRANSFER_ENCODING']);
    const plainChunked = await raw(
      `POST / HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n${chunked}`,
    );
    expect(plainChunked.status).toBe(200);
    const gzip = await postJson(`${defaults.url}/`, json, { 'content-encoding': 'gzip' });
    expect([gzip.status, gzip.body.code]).toEqual([415, 'UNSUPPORTED_CONTENT_ENCODING']);
  });
});
