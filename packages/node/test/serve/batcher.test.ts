// The batcher alone, on a fake executor: which inputs share a model call, and what happens when
// the queue is full, a request gives up, or one input of a batch is bad; then the deadline of a
// request on a real server.
import { afterAll, describe, expect, it } from 'vitest';
import { serve } from '../../dist/index.js';
import { Batcher, type BatchResult } from '../../src/serve/batcher.js';
import { ServeError } from '../../src/serve/errors.js';
import { withDeadline } from '../../src/serve/respond.js';

function recording(options: Partial<ConstructorParameters<typeof Batcher<string, string>>[0]> = {}) {
  const calls: string[][] = [];
  const batcher = new Batcher<string, string>({
    maxBatch: 4,
    maxBatchTokens: 1000,
    maxWaitMs: 20,
    maxQueue: 100,
    concurrency: 1,
    execute: async (_key, payloads): Promise<BatchResult<string>> => {
      calls.push(payloads);
      if (payloads.includes('bad')) return { ok: false, error: { code: 'EMPTY_INPUT', message: 'bad input', input: true } };
      return { ok: true, values: payloads.map((p) => p.toUpperCase()) };
    },
    ...options,
  });
  return { batcher, calls };
}

describe('Batcher', () => {
  it('groups concurrent inputs of equal length (and equal options), at most maxBatch per call', async () => {
    const { batcher, calls } = recording();
    const len = (s: string) => s.length;
    const reqs = ['aa', 'bb', 'ccc', 'dd', 'ee', 'ff', 'gg', 'hhh'].map((s) => batcher.submit('{}', [{ length: len(s), payload: s }]));
    const other = batcher.submit('{"topK":2}', [{ length: 2, payload: 'zz' }]);
    const out = await Promise.all([...reqs, other]);
    expect(out.map((o) => (o[0].ok ? o[0].value : null))).toEqual(['AA', 'BB', 'CCC', 'DD', 'EE', 'FF', 'GG', 'HHH', 'ZZ']);
    expect(calls.map((c) => c.join()).sort()).toEqual(['aa,bb,dd,ee', 'ccc,hhh', 'ff,gg', 'zz']);
  });

  it('runs a lone input after maxWaitMs', async () => {
    const { batcher } = recording({ maxWaitMs: 30 });
    const t0 = performance.now();
    await batcher.submit('{}', [{ length: 1, payload: 'x' }]);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(25);
  });

  it('refuses inputs beyond maxQueue with QUEUE_FULL', async () => {
    const { batcher } = recording({ maxQueue: 3 });
    const first = batcher.submit(
      '{}',
      [1, 2, 3].map((n) => ({ length: n, payload: `${n}` })),
    );
    expect(() => batcher.submit('{}', [{ length: 1, payload: 'x' }])).toThrow(ServeError);
    await first;
    await expect(batcher.submit('{}', [{ length: 1, payload: 'x' }])).resolves.toHaveLength(1);
  });

  it('cuts batches at maxBatchTokens, and runs solo items alone without waiting', async () => {
    const { batcher, calls } = recording({ maxBatchTokens: 9, maxWaitMs: 10_000 });
    // Four inputs of 3 tokens: 9 tokens fit three, the fourth waits (a full batch runs at once).
    const four = ['aaa', 'bbb', 'ccc', 'ddd'].map((s) => batcher.submit('{}', [{ length: 3, payload: s }]));
    await Promise.all(four.slice(0, 3));
    const solo = batcher.submit('{}', [{ length: undefined, payload: 'solo', solo: true, inputs: 5, tokens: 50 }]);
    await solo;
    expect(calls).toEqual([['aaa', 'bbb', 'ccc'], ['solo']]);
    expect(batcher.depth).toBe(1);
    // Two more make the waiting one's batch full.
    await Promise.all([four[3], ...['eee', 'fff'].map((s) => batcher.submit('{}', [{ length: 3, payload: s }]))]);
    expect(calls[2]).toEqual(['ddd', 'eee', 'fff']);
  });

  it('holds queue places for admitted requests: a full queue refuses the next reservation', async () => {
    const { batcher, calls } = recording({ maxQueue: 3 });
    const a = batcher.reserve(1)!;
    const b = batcher.reserve(2)!;
    expect(batcher.depth).toBe(3);
    expect(batcher.reserve(1)).toBeUndefined();
    expect(() => batcher.resize(a, 2)).toThrow(ServeError);
    batcher.release(b);
    batcher.resize(a, 3);
    // The ticket's places carry its inputs: nothing else fits meanwhile.
    const run = batcher.submit(
      '{}',
      [1, 2, 3].map((n) => ({ length: 1, payload: `${n}` })),
      { ticket: a },
    );
    expect(a.held).toBe(0);
    expect(() => batcher.submit('{}', [{ length: 1, payload: 'x' }])).toThrow(ServeError);
    await run;
    expect(calls).toEqual([['1', '2', '3']]);
    expect(batcher.depth).toBe(0);
  });

  it('drops the queued inputs of an aborted request', async () => {
    const { batcher, calls } = recording();
    const controller = new AbortController();
    const gone = batcher.submit('{}', [{ length: 5, payload: 'gone1' }], { signal: controller.signal });
    const kept = batcher.submit('{}', [{ length: 5, payload: 'kept1' }]);
    controller.abort(new Error('timeout'));
    await expect(gone).rejects.toThrow('timeout');
    await kept;
    expect(calls).toEqual([['kept1']]);
    expect(batcher.depth).toBe(0);
  });

  it('gives a bad input’s error to its own request only', async () => {
    const { batcher, calls } = recording();
    const [good, bad] = await Promise.all([
      batcher.submit('{}', [{ length: 3, payload: 'abc' }]),
      batcher.submit('{}', [{ length: 3, payload: 'bad' }]),
    ]);
    expect(good).toEqual([{ ok: true, value: 'ABC' }]);
    expect(bad[0]).toMatchObject({ ok: false, error: { code: 'EMPTY_INPUT' } });
    expect(calls).toEqual([['abc', 'bad'], ['abc'], ['bad']]);
  });

  it('fails every input of a batch whose executor died', async () => {
    const batcher = new Batcher<string, string>({
      maxBatch: 4,
      maxBatchTokens: 1000,
      maxWaitMs: 0,
      maxQueue: 10,
      concurrency: 1,
      execute: () => Promise.reject(new ServeError('WORKER_CRASHED', 'gone')),
    });
    await expect(batcher.submit('{}', [{ length: 1, payload: 'a' }])).rejects.toMatchObject({ code: 'WORKER_CRASHED', status: 503 });
  });
});

describe('withDeadline', () => {
  it('answers TIMEOUT (503) and aborts the work when the deadline passes', async () => {
    let aborted = false;
    const ctx = { timeoutMs: 20 } as Parameters<typeof withDeadline>[0];
    const never = (signal: AbortSignal) =>
      new Promise<never>(() => {
        signal.addEventListener('abort', () => {
          aborted = true;
        });
      });
    await expect(withDeadline(ctx, never)).rejects.toMatchObject({ code: 'TIMEOUT', status: 503, retryAfter: 1 });
    expect(aborted).toBe(true);
  });
});

describe('the per-request timeout over HTTP', () => {
  const started = serve({
    port: 0,
    timeoutMs: 300,
    workerFile: new URL('../fixtures/crashing-serve-worker.mjs', import.meta.url),
  });
  afterAll(async () => (await started).close());

  it('answers 503 TIMEOUT with Retry-After when the model takes longer', async () => {
    const server = await started;
    await server.ready;
    const res = await fetch(`${server.url}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ inputs: '__slow_worker__' }),
    });
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('1');
    // Without the deadline the request would get its 200 once the worker is done.
    expect(((await res.json()) as { code: string }).code).toBe('TIMEOUT');
  });
});
