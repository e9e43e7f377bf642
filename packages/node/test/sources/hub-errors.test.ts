// Hub failures say what happened and leave the cache as it was. Everything here talks to
// 127.0.0.1 only: the hub look-alike, or a port nothing listens on.
import { readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { hubFileRef } from '@convbert/core';
import { checkpointDir } from '@convbert/test-fixtures';
import { type HubServer, startHubServer } from '@convbert/test-fixtures/hub-server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ConvBertModel } from '../../src/index.js';
import { hubDownload } from '../../src/sources/download.js';
import { refused } from '../helpers/cache.js';
import { cliAsync, tempDir } from '../helpers/cli.js';

let server: HubServer;
let closedEndpoint: string;
let cacheDir: string;

/** A port that was just free: connecting to it is refused. */
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const { port } = s.address() as { port: number };
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

beforeAll(async () => {
  const dir = checkpointDir('tiny', 'base');
  server = await startHubServer({ 'tiny/base': dir, 'tiny/corrupt': dir }, { 'tiny/corrupt/model.safetensors': { kind: 'wrong-sha' } });
  closedEndpoint = `http://127.0.0.1:${await closedPort()}`;
});
afterAll(() => server.close());
beforeEach(() => {
  cacheDir = tempDir('convbert-hub-errors-');
  server.requests.length = 0;
  return () => rmSync(cacheDir, { recursive: true, force: true });
});

describe('hub errors', () => {
  it('a refused connection says so, keeps the cause, talks of no resume and leaves no folder', async () => {
    const err = await refused(hubDownload(hubFileRef('tiny/base', 'config.json'), { endpoint: closedEndpoint, cacheDir, timeoutMs: 2000 }));
    expect(err.code).toBe('HUB_NETWORK');
    expect(err.message).toContain(`connection refused by ${closedEndpoint.slice('http://'.length)} (ECONNREFUSED)`);
    expect(err.message).not.toMatch(/resume|broke/);
    expect(err.cause).toBeInstanceOf(Error);
    expect(readdirSync(cacheDir)).toEqual([]);
  });

  it('failed look-ups (404, checksum) leave no empty folders in the cache', async () => {
    expect((await refused(hubDownload(hubFileRef('tiny/base', 'nope.json'), { endpoint: server.endpoint, cacheDir }))).code).toBe(
      'HUB_NOT_FOUND',
    );
    expect(
      (await refused(hubDownload(hubFileRef('tiny/corrupt', 'model.safetensors'), { endpoint: server.endpoint, cacheDir }))).code,
    ).toBe('HUB_CHECKSUM_MISMATCH');
    expect(readdirSync(cacheDir)).toEqual([]);
  });

  it('offline with a model that is not cached gives HUB_OFFLINE_MISS, without a request', async () => {
    const err = await refused(ConvBertModel.fromPretrained('tiny/base', { endpoint: server.endpoint, cacheDir, localFilesOnly: true }));
    expect(err.code).toBe('HUB_OFFLINE_MISS');
    expect(err.message).toMatch(/offline .* not in the cache/);
    expect(server.requests).toEqual([]);
    expect(readdirSync(cacheDir)).toEqual([]);
  });

  it('convbert info --offline makes no request; --debug shows the cause of a network error', async () => {
    const offline = await cliAsync(cacheDir, ['info', 'tiny/base', '--offline'], { HF_ENDPOINT: server.endpoint });
    expect(offline.code).toBe(1);
    expect(offline.stderr).toContain('[HUB_OFFLINE_MISS]');
    expect(server.requests).toEqual([]);
    const plain = await cliAsync(cacheDir, ['info', 'tiny/base'], { HF_ENDPOINT: closedEndpoint });
    expect(plain.code).toBe(1);
    expect(plain.stderr.trim()).toMatch(/^convbert: tiny\/base@main\/\S+: connection refused by .* \[HUB_NETWORK\]$/);
    const debug = await cliAsync(cacheDir, ['info', 'tiny/base', '--debug'], { HF_ENDPOINT: closedEndpoint });
    expect(debug.stderr).toMatch(/caused by.*ECONNREFUSED/s);
  });
});
