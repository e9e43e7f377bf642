// `convbert serve` with worker threads: batching across requests (exactly the one-at-a-time
// results), a full queue, a crashed or failing worker (answered and logged with the request id),
// the default served name, and the CLI's SIGTERM drain.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fixturePath } from '@convbert/test-fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConvBertServer, serve } from '../../dist/index.js';
import { postJson, until } from './helpers.js';

const dev = readFileSync(fixturePath('demo', 'convbert-mini-sst2', 'golden', 'sst2_dev.tsv'), 'utf8')
  .split('\n')
  .slice(1)
  .filter((l) => l.trim() !== '')
  .map((l) => l.split('\t')[1] as string);
const devPreds = readFileSync(fixturePath('demo', 'convbert-mini-sst2', 'golden', 'sst2_dev_predictions.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l) as { pred_label: string });

let server: ConvBertServer;
const logLines: string[] = [];
beforeAll(async () => {
  // A long wait so that concurrent requests reliably meet in a batch on a busy machine.
  server = await serve({
    port: 0,
    workers: 2,
    maxWaitMs: 100,
    maxQueue: 64,
    log: { stream: { write: (line: string) => logLines.push(line) } },
    workerFile: new URL('../fixtures/crashing-serve-worker.mjs', import.meta.url),
  });
  await server.ready;
});
afterAll(() => server?.close());

const batchMetric = async () => {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  const get = (n: string) =>
    Number(text.match(new RegExp(`^convbert_batch_size_${n}\\{model="convbert-mini-sst2"\\} (\\S+)`, 'm'))?.[1] ?? 0);
  return { sum: get('sum'), count: get('count') };
};

describe('batching across requests on worker threads', () => {
  it('gives every request its one-at-a-time result, the reference’s labels, in shared batches', async () => {
    // Sentences with repeated token lengths, each sent as its own request.
    const texts = dev.slice(0, 24);
    const alone: unknown[] = [];
    for (const t of texts) alone.push((await postJson(`${server.url}/`, { inputs: t })).body);
    const before = await batchMetric();
    const together = await Promise.all([...texts, ...texts].map((t) => postJson(`${server.url}/`, { inputs: t })));
    const after = await batchMetric();
    expect(together.map((r) => r.body)).toEqual([...alone, ...alone]);
    const labels = (alone as { label: string }[][][]).map((r) => r[0][0].label);
    expect(labels).toEqual(devPreds.slice(0, 24).map((p) => p.pred_label));
    expect(after.sum - before.sum).toBe(48);
    // Fewer model calls than requests: equal-length requests shared batches.
    expect(after.count - before.count).toBeLessThan(48);
  });

  it('refuses inputs beyond the queue with 503 and Retry-After', async () => {
    const res = await postJson(`${server.url}/`, { inputs: dev.slice(0, 65) });
    expect([res.status, res.body.code]).toEqual([503, 'QUEUE_FULL']);
    expect(res.headers.get('retry-after')).toBe('1');
  });
});

describe('the served name', () => {
  it('is the model folder’s name by default, listed by GET /v1/models', async () => {
    expect([...server.models.keys()]).toEqual(['convbert-mini-sst2']);
    const list = (await (await fetch(`${server.url}/v1/models`)).json()) as { object: string; data: { id: string; object: string }[] };
    expect(list.object).toBe('list');
    expect(list.data.map((m) => [m.id, m.object])).toEqual([['convbert-mini-sst2', 'model']]);
    expect((await postJson(`${server.url}/models/convbert-mini-sst2`, { inputs: dev[0] })).status).toBe(200);
  });
});

describe('a crashed worker', () => {
  it('answers its requests with 503 and is replaced', async () => {
    const threads = server.models.get('convbert-mini-sst2')!.workerThreads!;
    const before = [...threads];
    const res = await postJson(`${server.url}/`, { inputs: '__crash_worker__' });
    expect([res.status, res.body.code]).toEqual([503, 'WORKER_CRASHED']);
    expect(res.headers.get('retry-after')).toBe('1');
    // Replacement workers load the model again and answer.
    const next = await postJson(`${server.url}/`, { inputs: dev[0] });
    expect(next.status).toBe(200);
    expect(next.body[0][0].label).toBe(devPreds[0].pred_label);
    expect(server.models.get('convbert-mini-sst2')!.workerThreads!.filter((w) => !before.includes(w)).length).toBeGreaterThan(0);
  });
});

describe('5xx answers in the log', () => {
  const logged = (id: string) => logLines.map((l) => JSON.parse(l)).find((l) => l.reqId === id);

  it('logs every failure as one JSON line with its code, cause and the request id the client got', async () => {
    const failed = await postJson(`${server.url}/`, { inputs: '__fail_worker__' });
    expect([failed.status, failed.body.code]).toEqual([500, 'INTERNAL']);
    const id = failed.headers.get('x-request-id')!;
    expect(logged(id)).toMatchObject({ level: 50, status: 500, code: 'INTERNAL', msg: 'the pipeline failed: out of cheese' });

    const crashed = await postJson(`${server.url}/`, { inputs: '__crash_worker__' }, { 'x-request-id': 'lb-7f3a' });
    expect([crashed.status, crashed.headers.get('x-request-id')]).toEqual([503, 'lb-7f3a']);
    const line = logged('lb-7f3a');
    expect(line).toMatchObject({ level: 50, status: 503, code: 'WORKER_CRASHED' });
    expect(line.err.message).toMatch(/exit|stopped|terminated/i);
    expect(logLines.every((l) => l.endsWith('\n') && !l.slice(0, -1).includes('\n'))).toBe(true);
  });
});

describe('convbert serve (the CLI)', () => {
  it('drains on SIGTERM: /ready 503 while it still answers, finishes the request in flight, exits 0', async () => {
    // One worker (the default): the server's thread stays free to answer /metrics while the model runs.
    const bin = new URL('../../dist/bin/convbert.js', import.meta.url).pathname;
    const child = spawn(process.execPath, [bin, 'serve', '--port', '0', '--drain-grace-ms', '3000'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stderr.on('data', (d) => {
        stderr += d;
        const m = stderr.match(/listening on (\S+),/);
        if (m && stderr.includes('ready')) resolve(m[1]);
      });
      child.on('exit', (code) => reject(new Error(`exited ${code}: ${stderr}`)));
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    let answered = false;
    const inFlight = postJson(`${url}/`, { inputs: dev.slice(0, 200) }).finally(() => {
      answered = true;
    });
    // Wait until the server has the request (the metrics request itself is the other one in flight).
    for (;;) {
      const text = await (await fetch(`${url}/metrics`)).text();
      if (Number(text.match(/^convbert_requests_in_flight (\d+)/m)?.[1]) >= 2) break;
      expect(answered, 'the request finished before SIGTERM could be sent').toBe(false);
    }
    child.kill('SIGTERM');
    await until(async () => (await fetch(`${url}/ready`)).status === 503, '/ready says 503');
    const during = await postJson(`${url}/`, { inputs: dev[1] });
    expect([during.status, during.headers.get('connection')]).toEqual([200, 'close']);
    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(200);
    expect(await exited).toBe(0);
    expect(stderr).toMatch(/SIGTERM: draining/);
    await expect(fetch(`${url}/health`)).rejects.toThrow();
  });
});
