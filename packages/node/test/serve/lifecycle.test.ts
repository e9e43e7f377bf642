// A request's life when the client gives up (counted as 499, its queued work cancelled, the gauge
// back down), probes a load balancer can read without a key, and the drain: /ready says 503 while
// requests are still answered, then in-flight work finishes, within a bound.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConvBertServer, serve } from '../../dist/index.js';
import { connect, metric, metrics, parseRaw, postJson, until } from './helpers.js';

const CRASHING = new URL('../fixtures/crashing-serve-worker.mjs', import.meta.url);
const NAME = 'convbert-mini-sst2';

function abortable(url: string, inputs: unknown) {
  const controller = new AbortController();
  const done = fetch(`${url}/`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ inputs }),
    signal: controller.signal,
  }).then(
    (r) => r.status,
    (e: Error) => e.name,
  );
  return { abort: () => controller.abort(), done };
}

describe('requests the client abandons', () => {
  let server: ConvBertServer;
  beforeAll(async () => {
    server = await serve({ port: 0, log: false, workers: 1, maxWaitMs: 0, workerFile: CRASHING });
    await server.ready;
  });
  afterAll(() => server?.close());

  it('are counted as 499, leave the in-flight gauge, and their queued inputs never run', async () => {
    const batcher = server.models.get(NAME)!.batcher;
    const running = abortable(server.url, '__slow_worker__');
    await until(() => batcher.running === 1, 'the slow request runs');
    const queued = abortable(server.url, 'queued, then abandoned');
    await until(() => batcher.depth === 1, 'the second request waits');
    const before = await metrics(server.url);
    running.abort();
    queued.abort();
    expect([await running.done, await queued.done]).toEqual(['AbortError', 'AbortError']);
    // Only the /metrics request itself is in flight once both are gone.
    await until(async () => metric(await metrics(server.url), 'convbert_requests_in_flight') === 1, 'the gauge back at baseline');
    await until(() => batcher.running === 0 && batcher.depth === 0, 'the worker done');
    const after = await metrics(server.url);
    const status499 = (t: string) => metric(t, 'convbert_requests_total', 'status="499"');
    expect(status499(after) - status499(before)).toBe(2);
    // The slow batch was counted when it started; the abandoned input never started.
    const batches = (t: string) => metric(t, 'convbert_batch_size_count', `model="${NAME}"`);
    expect(batches(after) - batches(before)).toBe(0);
    expect((await postJson(`${server.url}/`, { inputs: 'still fine' })).status).toBe(200);
  });
});

describe('probes and keys', () => {
  let server: ConvBertServer;
  beforeAll(async () => {
    server = await serve({ port: 0, log: false, workers: 0, apiKey: 'k3y' });
    await server.ready;
  });
  afterAll(() => server?.close());

  it('opens every probe without the key, as /health and /ready are', async () => {
    for (const path of ['/health', '/ready', '/metrics', '/v2/health/live', '/v2/health/ready']) {
      expect((await fetch(`${server.url}${path}`)).status, path).toBe(200);
    }
    expect((await fetch(`${server.url}/v2`)).status).toBe(401);
  });

  it('takes the bearer scheme in any case', async () => {
    for (const scheme of ['Bearer', 'bearer', 'BEARER']) {
      const res = await postJson(`${server.url}/`, { inputs: 'hello' }, { authorization: `${scheme} k3y` });
      expect(res.status, scheme).toBe(200);
    }
    expect((await postJson(`${server.url}/`, { inputs: 'hello' }, { authorization: 'bearer K3Y' })).status).toBe(401);
    expect((await postJson(`${server.url}/`, { inputs: 'hello' }, { authorization: 'Basic k3y' })).status).toBe(401);
  });
});

describe('the drain', () => {
  it('says not-ready during the grace while it still answers, finishes in-flight work, then stops', async () => {
    const server = await serve({ port: 0, log: false, workers: 1, drainGraceMs: 2000, workerFile: CRASHING });
    await server.ready;
    const keepAlive = await connect(server.url, 'GET /health HTTP/1.1\r\nHost: x\r\n\r\n');
    await until(() => keepAlive.received().includes('"ok"'), 'a keep-alive connection');
    const slow = postJson(`${server.url}/`, { inputs: '__slow_worker__' });
    await until(() => server.models.get(NAME)!.batcher.running === 1, 'the slow request runs');
    const closing = server.close();

    const ready = await fetch(`${server.url}/ready`);
    expect([ready.status, ((await ready.json()) as { code: string }).code]).toEqual([503, 'SHUTTING_DOWN']);
    expect((await fetch(`${server.url}/v2/health/ready`)).status).toBe(503);
    // A balancer still sends until its checks see the 503: those requests are answered, and their
    // connections closed.
    const fresh = await postJson(`${server.url}/`, { inputs: 'sent during the grace' });
    expect([fresh.status, fresh.headers.get('connection')]).toEqual([200, 'close']);
    keepAlive.socket.write('POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 19\r\n\r\n{"inputs": "again"}');
    const second = parseRaw((await keepAlive.closed).slice(keepAlive.received().indexOf('HTTP/1.1', 10)));
    expect(second.status).toBe(200);
    expect(second.headers).toMatch(/connection: close/);

    expect((await slow).status).toBe(200);
    expect(await closing).toEqual({ cut: 0 });
    await expect(fetch(`${server.url}/health`)).rejects.toThrow();
  });

  it('cuts what still runs when the drain time is over, and says so', async () => {
    const server = await serve({ port: 0, log: false, workers: 1, drainTimeoutMs: 200, workerFile: CRASHING });
    await server.ready;
    const slow = postJson(`${server.url}/`, { inputs: '__slow_worker__' }).then(
      (r) => r.status,
      () => 'cut',
    );
    await until(() => server.models.get(NAME)!.batcher.running === 1, 'the slow request runs');
    expect(await server.close()).toEqual({ cut: 1 });
    expect(await slow).toBe('cut');
  });
});
