// The browser sources, exercised in Node (fetch and Blob exist there; Cache Storage does not, so
// the hub source runs uncached here; browser.test.ts checks the cache in Chromium).
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { checkpointDir } from '@convbert/test-fixtures';
import { startHubServer } from '@convbert/test-fixtures/hub-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileSource, type HubError, resolveSource, UrlSource, WebHubSource } from '../../src/index.js';

/** A port that was just free on 127.0.0.1: connecting to it is refused. */
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

const dir = checkpointDir('tiny', 'base');
// Deep equality of megabyte arrays is slow in expect(); compare the bytes directly.
const same = (a: Uint8Array, b: Uint8Array) =>
  Buffer.compare(Buffer.from(a.buffer, a.byteOffset, a.byteLength), Buffer.from(b.buffer, b.byteOffset, b.byteLength)) === 0;

describe('UrlSource', () => {
  let origin = '';
  const seen: string[] = [];
  const server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    const m = /^\/models\/tiny\/(.+)$/.exec(req.url ?? '');
    if (req.url === '/teapot/config.json') return void res.writeHead(418).end();
    if (req.url?.startsWith('/spa/')) return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html>');
    if (req.url === '/tagged/model.safetensors') return void res.writeHead(200, { etag: '"abc"', 'content-length': '42' }).end();
    if (!m) return void res.writeHead(404).end();
    try {
      const body = readFileSync(join(dir, decodeURIComponent(m[1] as string)));
      res.writeHead(200, { 'content-length': String(body.length) }).end(req.method === 'HEAD' ? undefined : body);
    } catch {
      res.writeHead(404).end();
    }
  });
  beforeAll(async () => {
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((ok) => server.close(() => ok())));

  it('reads a served folder, HEAD for exists, names checked before any request', async () => {
    const src = new UrlSource(`${origin}/models/tiny`);
    expect(src.id).toBe(`${origin}/models/tiny/`);
    expect(await src.exists('config.json')).toBe(true);
    expect(await src.exists('model.onnx')).toBe(false);
    expect(seen).toContain('HEAD /models/tiny/config.json');
    expect(same(await src.read('model.safetensors'), readFileSync(join(dir, 'model.safetensors')))).toBe(true);
    await expect(src.read('pytorch_model.bin')).rejects.toMatchObject({ code: 'MODEL_FILES_MISSING' });
    const before = seen.length;
    await expect(src.read('../secret')).rejects.toMatchObject({ code: 'HUB_INVALID_NAME' });
    expect(seen.length).toBe(before);
    await expect(new UrlSource(`${origin}/teapot/`).exists('config.json')).rejects.toMatchObject({ code: 'HTTP_ERROR' });
    // A single-page-app server's index.html for every path is not a model file.
    expect(await new UrlSource(`${origin}/spa/`).exists('model.onnx')).toBe(false);
    await expect(new UrlSource(`${origin}/spa/`).read('model.onnx')).rejects.toMatchObject({ code: 'MODEL_FILES_MISSING' });
    await expect(new UrlSource('http://127.0.0.1:9/x/').read('config.json')).rejects.toMatchObject({ code: 'NETWORK_ERROR' });
  });

  it('identity: the URL with its ETag and length (what the graph cache keys on), none without a validator', async () => {
    expect(await new UrlSource(`${origin}/tagged/`).identity('model.safetensors')).toBe(`${origin}/tagged/model.safetensors "abc" 42`);
    expect(await new UrlSource(`${origin}/models/tiny/`).identity('model.safetensors')).toBeUndefined();
  });

  it('resolveSource: paths and URLs are folders, other strings hub ids, sources pass through', () => {
    expect(resolveSource(`${origin}/m/`)).toBeInstanceOf(UrlSource);
    expect(resolveSource('owner/name')).toBeInstanceOf(WebHubSource);
    const f = new FileSource([{ path: 'config.json', file: new Blob(['{}']) }]);
    expect(resolveSource(f)).toBe(f);
    expect(() => resolveSource('')).toThrow(/hub id/);
    expect(() => resolveSource('a/../b')).toThrow(/refused/);
  });
});

describe('FileSource', () => {
  it('takes File objects (folder-relative paths) or { path, file } pairs; refuses climbing names', async () => {
    const file = new File(['{"a":1}'], 'config.json');
    Object.defineProperty(file, 'webkitRelativePath', { value: 'my-model/config.json' });
    const nested = new File(['x'], 'model.onnx');
    Object.defineProperty(nested, 'webkitRelativePath', { value: 'my-model/onnx/model.onnx' });
    const src = new FileSource([file, nested]);
    expect(src.names).toEqual(['config.json', 'onnx/model.onnx']);
    expect(new TextDecoder().decode(await src.read('config.json'))).toBe('{"a":1}');
    await expect(src.read('vocab.txt')).rejects.toMatchObject({ code: 'MODEL_FILES_MISSING' });
    expect(() => new FileSource([{ path: '../x', file: new Blob([]) }])).toThrow(/refused/);
    expect(() => new FileSource([])).toThrow(/no files/);
  });
});

describe('WebHubSource (uncached, in Node)', () => {
  it('downloads, checks the announced sha256, maps HTTP errors to HubError codes', async () => {
    const hub = await startHubServer(
      { 'o/ok': dir, 'o/bad': dir, 'o/private': dir, 'o/lfs': dir, 'o/slow': dir },
      {
        'o/bad/model.safetensors': { kind: 'wrong-sha' },
        'o/private/config.json': { kind: 'private', token: 'secret' },
        'o/lfs/model.safetensors': { kind: 'lfs-redirect' },
        'o/slow/config.json': { kind: 'slow', delayMs: 2000 },
      },
    );
    try {
      const opts = { endpoint: hub.endpoint, cache: false as const };
      const weights = new Uint8Array(readFileSync(join(dir, 'model.safetensors')));
      const ok = new WebHubSource('o/ok', opts);
      expect(await ok.exists('config.json')).toBe(true);
      expect(await ok.read('config.json')).toEqual(new Uint8Array(readFileSync(join(dir, 'config.json'))));
      // exists() downloaded it; read() used those bytes (one GET in all).
      expect(hub.requests.filter((r) => r.url === '/o/ok/resolve/main/config.json')).toHaveLength(1);
      expect(await ok.exists('model.onnx')).toBe(false);
      expect(same(await new WebHubSource('o/lfs', opts).read('model.safetensors'), weights)).toBe(true);
      await expect(new WebHubSource('o/bad', opts).read('model.safetensors')).rejects.toMatchObject({ code: 'HUB_CHECKSUM_MISMATCH' });
      await expect(new WebHubSource('o/private', opts).read('config.json')).rejects.toMatchObject({ code: 'HUB_UNAUTHORIZED' });
      expect((await new WebHubSource('o/private', { ...opts, token: 'secret' }).read('config.json')).byteLength).toBeGreaterThan(10);
      await expect(new WebHubSource('o/ok', opts).read('nope.txt')).rejects.toMatchObject({ code: 'HUB_NOT_FOUND' });
      await expect(new WebHubSource('o/slow', { ...opts, timeoutMs: 300 }).read('config.json')).rejects.toMatchObject({
        code: 'HUB_TIMEOUT',
      });
      await expect(new WebHubSource('o/ok', { ...opts, localFilesOnly: true }).read('config.json')).rejects.toMatchObject({
        code: 'HUB_OFFLINE_MISS',
      });
      // Offline with nothing cached: the documented code, even where a file may be optional.
      await expect(new WebHubSource('o/ok', { ...opts, localFilesOnly: true }).exists('model.onnx')).rejects.toMatchObject({
        code: 'HUB_OFFLINE_MISS',
        message: expect.stringContaining('is not in the browser cache'),
      });
      // Nothing listens on a closed port of 127.0.0.1: the error names the server and keeps the cause.
      const closed = new WebHubSource('o/ok', { ...opts, endpoint: `http://127.0.0.1:${await closedPort()}` });
      const refused = await closed.read('config.json').catch((e: unknown) => e as HubError);
      expect(refused).toMatchObject({ code: 'HUB_NETWORK', message: expect.stringMatching(/the request to 127\.0\.0\.1:\d+ failed/) });
      expect((refused as HubError).cause).toBeInstanceOf(Error);
      expect(() => new WebHubSource('../etc')).toThrow(/refused/);
    } finally {
      await hub.close();
    }
  });
});

describe('web loader options are checked before anything loads', () => {
  it('refuses a misspelt option with the nearest name, and an unknown dtype with the valid ones', async () => {
    const { ConvBertModel, ConvBertForMaskedLM, loadEncoder, pipeline } = await import('../../src/index.js');
    const { DTYPES } = await import('@convbert/core');
    const fetch = (() => Promise.reject(new Error('no request expected'))) as unknown as typeof globalThis.fetch;
    await expect(ConvBertModel.fromPretrained('o/x', { fetch, revison: 'main' } as never)).rejects.toMatchObject({
      code: 'UNKNOWN_OPTION',
      suggestion: 'revision',
    });
    await expect(ConvBertForMaskedLM.fromPretrained('o/x', { fetch, localFileOnly: true } as never)).rejects.toMatchObject({
      code: 'UNKNOWN_OPTION',
      suggestion: 'localFilesOnly',
    });
    await expect(loadEncoder('o/x', { fetch, dtype: 'FP16' } as never)).rejects.toMatchObject({
      code: 'INVALID_OPTION',
      message: expect.stringContaining(`valid dtypes: ${DTYPES.join(', ')}`),
    });
    await expect(pipeline('fill-mask', 'o/x', { fetch, dtype: 'float99' } as never)).rejects.toMatchObject({ code: 'INVALID_OPTION' });
  });
});
