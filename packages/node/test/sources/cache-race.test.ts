// Two programs sharing one cache (issue 22, defect 4): real processes download the same file from
// a hub look-alike on 127.0.0.1 that sends it slowly enough for the downloads to overlap, and one
// of them is killed (SIGKILL) mid-file. The cache must end with the whole, verified file, and no
// lock left by the dead process may block the others for good.
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type HubServer, startHubServer } from '@convbert/test-fixtures/hub-server';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { walk } from '../helpers/cache.js';

const CHILD = resolve(import.meta.dirname, '../fixtures/download-child.mjs');
const REPO = 'race/model';
const FILE = 'weights.bin';
const SIZE = 4 * 1024 * 1024;
// The lock of a killed process is taken over once its mtime is this old (the default, 10 s, holds
// where nobody is killed: a busy machine cannot make a live holder look dead).
const SHORT_STALE = { lockStaleMs: 2_000 };

/** 4 MiB that no two offsets share a pattern in: a misplaced or doubled chunk changes the sha256. */
function content(): Buffer {
  const out = Buffer.alloc(SIZE);
  let block = createHash('sha256').update('seed').digest();
  for (let at = 0; at < SIZE; at += block.length) {
    block.copy(out, at);
    block = createHash('sha256').update(block).digest();
  }
  return out;
}

const body = content();
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
let server: HubServer;
let repoDir: string;
let cacheDir: string;
const children: ChildProcess[] = [];

interface Outcome {
  code: number | null;
  signal: NodeJS.Signals | null;
  result?: { ok: boolean; path?: string; code?: string; message?: string };
  stderr: string;
}

function download(tuning: { lockStaleMs?: number } = {}): { child: ChildProcess; done: Promise<Outcome> } {
  const opts = { endpoint: server.endpoint, cacheDir, timeoutMs: 10_000 };
  const child = spawn(process.execPath, [CHILD, REPO, FILE, JSON.stringify(opts), JSON.stringify(tuning)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => {
    stdout += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const done = new Promise<Outcome>((ok) =>
    child.on('close', (code, signal) => {
      const line = stdout.trim().split('\n').at(-1);
      ok({ code, signal, stderr, result: line ? JSON.parse(line) : undefined });
    }),
  );
  return { child, done };
}

/** Resolves once the server has sent at least `bytes` of the file on one request. */
async function sent(bytes: number): Promise<void> {
  while (!server.requests.some((r) => r.url.endsWith(`/${FILE}`) && r.sent >= bytes)) await new Promise((r) => setTimeout(r, 20));
}

function expectOnlyTheFile(path: string): void {
  expect(sha(readFileSync(path))).toBe(sha(body));
  // No temporary file, no lock folder: the cache holds the file and nothing else.
  expect(walk(cacheDir)).toEqual([path]);
  expect(readdirSync(cacheDir)).toEqual(['models--race--model']);
}

beforeAll(async () => {
  repoDir = mkdtempSync(join(tmpdir(), 'convbert-race-repo-'));
  mkdirSync(repoDir, { recursive: true });
  writeFileSync(join(repoDir, FILE), body);
  // 64 KiB every 40 ms: 4 MiB take about 2.6 s, long enough for a second process to start meanwhile.
  server = await startHubServer({ [REPO]: repoDir }, { [`${REPO}/${FILE}`]: { kind: 'paced', chunkBytes: 64 * 1024, everyMs: 40 } });
});
afterAll(async () => {
  await server.close();
  rmSync(repoDir, { recursive: true, force: true });
});
beforeEach(() => {
  cacheDir = mkdtempSync(join(tmpdir(), 'convbert-race-cache-'));
  server.requests.length = 0;
});
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  rmSync(cacheDir, { recursive: true, force: true });
});

describe('two processes, one cache', () => {
  it('downloading the same file at once: one downloads, the other waits for it; both get the whole file', async () => {
    const a = download();
    const b = download();
    const [ra, rb] = await Promise.all([a.done, b.done]);
    expect(ra.result, ra.stderr).toMatchObject({ ok: true });
    expect(rb.result, rb.stderr).toMatchObject({ ok: true });
    expect(rb.result?.path).toBe(ra.result?.path);
    expectOnlyTheFile(ra.result?.path as string);
    // The lock let one process download: the file crossed the network once.
    expect(server.requests.filter((r) => r.url.endsWith(`/${FILE}`))).toHaveLength(1);
  }, 60_000);

  it('one killed mid-download: the waiting one takes the stale lock over and resumes the bytes already there', async () => {
    const a = download(SHORT_STALE);
    await sent(1024 * 1024);
    const b = download(SHORT_STALE);
    // Let b start and find the lock held.
    await new Promise((r) => setTimeout(r, 800));
    a.child.kill('SIGKILL');
    expect((await a.done).signal).toBe('SIGKILL');
    const rb = await b.done;
    expect(rb.result, rb.stderr).toMatchObject({ ok: true });
    expectOnlyTheFile(rb.result?.path as string);
    const gets = server.requests.filter((r) => r.url.endsWith(`/${FILE}`));
    expect(gets).toHaveLength(2);
    expect(gets[1]?.range).toMatch(/^bytes=[1-9]\d*-$/);
  }, 60_000);

  it('one killed mid-download with nobody waiting: the next process is not blocked by its lock', async () => {
    const a = download(SHORT_STALE);
    await sent(1024 * 1024);
    a.child.kill('SIGKILL');
    await a.done;
    const rc = await download(SHORT_STALE).done;
    expect(rc.result, rc.stderr).toMatchObject({ ok: true });
    expectOnlyTheFile(rc.result?.path as string);
  }, 60_000);
});
