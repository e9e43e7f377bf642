// The deadline and the size bound of a download (issue 22, defect 13): a server that trickles a
// byte every 100 ms never trips the idle timeout, and one may send more than any model needs.
// Everything talks to the hub look-alike on 127.0.0.1.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hubFileRef } from '@convbert/core';
import { LIMITS_FILE_BYTES as SIZE, startLimitsHub } from '@convbert/test-fixtures/hub-server';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConvBertModel } from '../../src/index.js';
import { hubDownload } from '../../src/sources/download.js';
import { HubSource } from '../../src/sources/hub-source.js';
import { refused, walk } from '../helpers/cache.js';

let server: Awaited<ReturnType<typeof startLimitsHub>>;
let cacheDir: string;

beforeAll(async () => {
  server = await startLimitsHub();
});
afterAll(() => server.close());
beforeEach(() => {
  cacheDir = mkdtempSync(join(tmpdir(), 'convbert-limits-cache-'));
  server.requests.length = 0;
  return () => rmSync(cacheDir, { recursive: true, force: true });
});

describe('deadlineMs', () => {
  it('ends a trickling download that the idle timeout lets through, keeping its bytes to resume', async () => {
    const err = await refused(
      hubDownload(hubFileRef('l/trickle', 'weights.bin'), { endpoint: server.endpoint, cacheDir, timeoutMs: 5_000, deadlineMs: 1_500 }),
    );
    expect(err.code).toBe('HUB_DEADLINE');
    expect(err.message).toContain('deadlineMs (1500 ms)');
    expect(server.sentTo('l/trickle')).toBeGreaterThan(0);
    // Not in the cache; the partial file is kept for a later run, and no lock is left.
    const left = walk(cacheDir);
    expect(left.every((f) => f.endsWith('.incomplete'))).toBe(true);
  }, 15_000);

  it('a deadline already past starts nothing', async () => {
    const err = await refused(
      hubDownload(hubFileRef('l/trickle', 'weights.bin'), { endpoint: server.endpoint, cacheDir, deadlineMs: Number.MIN_VALUE }),
    );
    expect(err.code).toBe('HUB_DEADLINE');
    expect(server.requests).toEqual([]);
  }, 15_000);
});

describe('maxBytes', () => {
  it('refuses an announced size above it before reading the body', async () => {
    const err = await refused(hubDownload(hubFileRef('l/big', 'weights.bin'), { endpoint: server.endpoint, cacheDir, maxBytes: 10_000 }));
    expect(err.code).toBe('HUB_TOO_LARGE');
    expect(err.message).toContain(`announces ${SIZE} bytes, more than maxBytes (10000)`);
    // Only the first chunk had left the server when the request was dropped.
    expect(server.sentTo('l/big')).toBeLessThanOrEqual(4096);
    expect(walk(cacheDir)).toEqual([]);
  }, 15_000);

  it('stops an unannounced body once it passes the bound, keeping nothing', async () => {
    const err = await refused(
      hubDownload(hubFileRef('l/unsized', 'weights.bin'), { endpoint: server.endpoint, cacheDir, maxBytes: 10_000 }),
    );
    expect(err.code).toBe('HUB_TOO_LARGE');
    expect(err.message).toContain('more than maxBytes (10000) bytes arrived');
    expect(walk(cacheDir)).toEqual([]);
  }, 15_000);

  it('holds for the in-memory download too (an unwritable cache)', async () => {
    const notAFolder = join(cacheDir, 'file');
    writeFileSync(notAFolder, 'x');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const src = new HubSource('l/unsized', { endpoint: server.endpoint, cacheDir: notAFolder, maxBytes: 10_000 });
      expect((await refused(src.read('weights.bin'))).code).toBe('HUB_TOO_LARGE');
    } finally {
      warn.mockRestore();
    }
  }, 15_000);

  it('a file within the bound downloads as before', async () => {
    const path = await hubDownload(hubFileRef('l/unsized', 'weights.bin'), { endpoint: server.endpoint, cacheDir, maxBytes: SIZE });
    expect(walk(cacheDir)).toEqual([path]);
  }, 15_000);
});

describe('the options themselves', () => {
  it.each([
    ['maxBytes', 0],
    ['maxBytes', -1],
    ['deadlineMs', Number.NaN],
    ['deadlineMs', '5000'],
  ])('%s: %j is refused before any request', async (key, value) => {
    const err = await ConvBertModel.fromPretrained('l/big', { endpoint: server.endpoint, cacheDir, [key]: value } as never).catch(
      (e: unknown) => e,
    );
    expect(err).toMatchObject({ code: 'INVALID_OPTION', message: expect.stringContaining(key) });
    expect(server.requests).toEqual([]);
  });
});
