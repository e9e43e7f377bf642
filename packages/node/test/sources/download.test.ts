import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HubError, hubFileRef } from '@convbert/core';
import { checkpointDir } from '@convbert/test-fixtures';
import { type HubServer, startHubServer } from '@convbert/test-fixtures/hub-server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { hubDownload } from '../../src/sources/download.js';
import { refused, walk } from '../helpers/cache.js';

const REPO = 'tiny/base';
const dir = checkpointDir('tiny', 'base');
let server: HubServer;
let cacheDir: string;

beforeAll(async () => {
  server = await startHubServer(
    { [REPO]: dir, 'tiny/corrupt': dir, 'tiny/cut': dir, 'tiny/slow': dir, 'tiny/private': dir, 'tiny/lfs': dir },
    {
      'tiny/corrupt/model.safetensors': { kind: 'wrong-sha' },
      'tiny/cut/model.safetensors': { kind: 'cut', times: 2 },
      'tiny/slow/config.json': { kind: 'slow', delayMs: 2_000 },
      'tiny/private/config.json': { kind: 'private', token: 'hf_secret' },
      'tiny/lfs/model.safetensors': { kind: 'lfs-redirect' },
    },
  );
});
afterAll(() => server.close());
beforeEach(() => {
  cacheDir = mkdtempSync(join(tmpdir(), 'convbert-cache-'));
  server.requests.length = 0;
  return () => rmSync(cacheDir, { recursive: true, force: true });
});

// A busy machine (the whole suite on two cores) can pause a download for half a second: the idle
// timeout is short only where the test is about it.
const opts = () => ({ endpoint: server.endpoint, cacheDir, timeoutMs: 5_000 });

describe('hubDownload against a local hub', () => {
  it('downloads into the cache and serves the second call from disk', async () => {
    const path = await hubDownload(hubFileRef(REPO, 'model.safetensors'), opts());
    expect(readFileSync(path).equals(readFileSync(join(dir, 'model.safetensors')))).toBe(true);
    expect(path.startsWith(cacheDir)).toBe(true);
    const before = server.requests.length;
    expect(await hubDownload(hubFileRef(REPO, 'model.safetensors'), opts())).toBe(path);
    expect(server.requests.length).toBe(before);
  });

  it('two downloads of one file in one process take turns: one request, one file', async () => {
    const ref = hubFileRef('tiny/lfs', 'model.safetensors');
    const [a, b] = await Promise.all([hubDownload(ref, opts()), hubDownload(ref, opts())]);
    expect(b).toBe(a);
    expect(walk(cacheDir)).toEqual([a]);
    expect(server.requests.filter((r) => r.url.startsWith('/tiny/lfs/resolve/'))).toHaveLength(1);
  });

  it('refuses a file whose sha256 differs from the announced one, leaving nothing behind', async () => {
    const err = await refused(hubDownload(hubFileRef('tiny/corrupt', 'model.safetensors'), opts()));
    expect(err.code).toBe('HUB_CHECKSUM_MISMATCH');
    expect(walk(cacheDir)).toEqual([]);
  });

  it('reports a 404 as HUB_NOT_FOUND', async () => {
    const err = await refused(hubDownload(hubFileRef(REPO, 'pytorch_model.bin'), opts()));
    expect(err.code).toBe('HUB_NOT_FOUND');
    expect(err.message).toContain('tiny/base@main/pytorch_model.bin');
    expect(walk(cacheDir)).toEqual([]);
  });

  it('resumes with Range after the connection is cut mid-file', async () => {
    const path = await hubDownload(hubFileRef('tiny/cut', 'model.safetensors'), opts());
    expect(readFileSync(path).equals(readFileSync(join(dir, 'model.safetensors')))).toBe(true);
    const gets = server.requests.filter((r) => r.url.includes('tiny/cut'));
    expect(gets.length).toBe(3);
    expect(gets[0]?.range).toBeUndefined();
    expect(gets[1]?.range).toMatch(/^bytes=\d+-$/);
    expect(existsSync(`${path}.incomplete`)).toBe(false);
  });

  it('times out on a silent server with a clear error and no cached file', async () => {
    const err = await refused(hubDownload(hubFileRef('tiny/slow', 'config.json'), { ...opts(), timeoutMs: 500 }));
    expect(err.code).toBe('HUB_TIMEOUT');
    expect(walk(cacheDir).filter((f) => !f.endsWith('.incomplete'))).toEqual([]);
  });

  it('sends the token as a Bearer header, and says what to do without one', async () => {
    const err = await refused(hubDownload(hubFileRef('tiny/private', 'config.json'), opts()));
    expect(err.code).toBe('HUB_UNAUTHORIZED');
    expect(err.message).toContain('HF_TOKEN');
    const path = await hubDownload(hubFileRef('tiny/private', 'config.json'), { ...opts(), token: 'hf_secret' });
    expect(readFileSync(path, 'utf8')).toBe(readFileSync(join(dir, 'config.json'), 'utf8'));
  });

  it('follows an LFS redirect and checks the sha256 announced on it', async () => {
    const path = await hubDownload(hubFileRef('tiny/lfs', 'model.safetensors'), opts());
    expect(readFileSync(path).equals(readFileSync(join(dir, 'model.safetensors')))).toBe(true);
  });

  it('works offline from the cache only', async () => {
    const err = await refused(hubDownload(hubFileRef(REPO, 'config.json'), { ...opts(), localFilesOnly: true }));
    expect(err.code).toBe('HUB_OFFLINE_MISS');
    await hubDownload(hubFileRef(REPO, 'config.json'), opts());
    const n = server.requests.length;
    await hubDownload(hubFileRef(REPO, 'config.json'), { ...opts(), localFilesOnly: true });
    expect(server.requests.length).toBe(n);
  });

  it('reports progress', async () => {
    const seen: number[] = [];
    await hubDownload(hubFileRef(REPO, 'model.safetensors'), { ...opts(), onProgress: (p) => seen.push(p.loaded) });
    expect(seen.at(-1)).toBe(readFileSync(join(dir, 'model.safetensors')).length);
  });
});

describe('names that could escape the cache are refused', () => {
  it.each([
    ['repo', '../etc', 'config.json', 'main'],
    ['repo', '/abs/path', 'config.json', 'main'],
    ['repo', 'a/b/c', 'config.json', 'main'],
    ['repo', 'a\\b', 'config.json', 'main'],
    ['file', 'tiny/base', '../../secret', 'main'],
    ['file', 'tiny/base', '/etc/passwd', 'main'],
    ['file', 'tiny/base', 'a\0b', 'main'],
    ['file', 'tiny/base', 'onnx\\model.onnx', 'main'],
    ['revision', 'tiny/base', 'config.json', '..'],
    ['revision', 'tiny/base', 'config.json', 'refs/../../x'],
  ])('%s: %j %j %j', (_what, repo, file, revision) => {
    let err: unknown;
    try {
      hubFileRef(repo, file, revision);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(HubError);
    expect((err as HubError).code).toBe('HUB_INVALID_NAME');
  });

  it('accepts real names', () => {
    expect(() => hubFileRef('YituTech/conv-bert-base', 'onnx/model.onnx', 'refs/pr/1')).not.toThrow();
    expect(() => hubFileRef('bert-base-uncased', 'vocab.txt')).not.toThrow();
  });
});

describe('fromPretrained and pipeline from a hub id', () => {
  it('loads a checkpoint repo through the cache and matches the reference', async () => {
    const { ConvBertModel, pipeline } = await import('../../src/index.js');
    const { compareClose, loadManifest, readTensor } = await import('@convbert/test-fixtures');
    const model = await ConvBertModel.fromPretrained(REPO, opts());
    const manifest = loadManifest('tiny');
    const c = manifest.cases.find((x) => x.name === 'single_question')!;
    const golden = manifest.results.find((r) => r.head === 'base' && r.case === c.name && !r.kind)!;
    const out = await model.forward({ inputIds: readTensor('tiny', c.inputs.input_ids) as never });
    expect(compareClose(out.lastHiddenState.data, readTensor('tiny', golden.outputs.last_hidden_state!).data as Float32Array).ok).toBe(
      true,
    );
    await model.dispose();
    const fetched = server.requests.map((r) => r.url);
    expect(fetched.some((u) => u.endsWith('/model.safetensors'))).toBe(true);
    // Offline afterwards: everything comes from the cache.
    const again = await ConvBertModel.fromPretrained(REPO, { ...opts(), localFilesOnly: true });
    await again.dispose();
    const fe = await pipeline('feature-extraction', REPO, opts());
    const v = (await fe('what is the answer?', { pooling: 'cls' })) as { dims: readonly number[] };
    expect(v.dims.at(-1)).toBe(32);
    await fe.dispose();
  });
});
