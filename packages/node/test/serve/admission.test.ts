// Admission before any work: a full queue or too many admitted requests are refused before the body
// is read (a request the server would have answered 400 or 422 gets the 503), probes answer
// meanwhile, and /v2 infer goes through the same admission, within a token budget, in slices that
// give the reference outputs and let a small request pass a large one.
import { checkpointDir, compareClose, loadManifest, readTensor } from '@convbert/test-fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConvBertServer, serve } from '../../dist/index.js';
import { connect, type Json, metric, metrics, postJson, type RawConnection, until } from './helpers.js';

const TC = checkpointDir('tiny', 'sequence-classification');

/** A request whose headers are in and whose body is not: it holds its admission until `send`. */
async function held(url: string, path: string, body: unknown) {
  const json = JSON.stringify(body);
  const conn: RawConnection = await connect(
    url,
    `POST ${path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(json)}\r\n\r\n`,
  );
  return {
    send: async () => {
      conn.socket.write(json);
      const raw = await conn.closed;
      return Number(raw.split(' ')[1]);
    },
  };
}

describe('admission before any work', () => {
  let server: ConvBertServer;
  beforeAll(async () => {
    server = await serve({
      port: 0,
      log: false,
      maxQueue: 2,
      maxConcurrentRequests: 3,
      models: [
        { name: 'tc', task: 'text-classification', model: TC },
        { name: 'fe', task: 'feature-extraction', model: checkpointDir('tiny', 'base') },
      ],
    });
    await server.ready;
  });
  afterAll(() => server?.close());

  it('refuses with QUEUE_FULL before reading the body once the queue is full; probes answer', async () => {
    const a = await held(server.url, '/models/tc', { inputs: 'first' });
    const b = await held(server.url, '/models/tc', { inputs: 'second' });
    await until(() => server.models.get('tc')!.batcher.depth === 2, 'two places held');
    // Bodies the server would refuse with 400 and 422 once read: the 503 shows they never were.
    const badJson = await postJson(`${server.url}/models/tc`, '{"inputs": ');
    expect([badJson.status, badJson.body.code]).toEqual([503, 'QUEUE_FULL']);
    expect(badJson.headers.get('retry-after')).toBe('1');
    expect(badJson.headers.get('x-request-id')).toMatch(/^[\w-]+$/);
    const surrogate = await postJson(`${server.url}/`, { inputs: 'a\ud800b' });
    expect([surrogate.status, surrogate.body.code]).toEqual([503, 'QUEUE_FULL']);
    const tensor = await postJson(`${server.url}/v2/models/tc/infer`, {
      inputs: [{ name: 'input_ids', shape: [1, 3], datatype: 'INT64', data: [101, 7592, 102] }],
    });
    expect([tensor.status, tensor.body.code]).toEqual([503, 'QUEUE_FULL']);
    for (const probe of ['/health', '/ready', '/metrics', '/v2/health/ready'])
      expect((await fetch(`${server.url}${probe}`)).status).toBe(200);
    // Answered in front of the router, and timed there.
    expect(metric(await metrics(server.url), 'convbert_refusal_duration_seconds_count', 'code="QUEUE_FULL"')).toBe(3);
    expect([await a.send(), await b.send()]).toEqual([200, 200]);
    await until(() => server.models.get('tc')!.batcher.depth === 0, 'places given back');
    expect((await postJson(`${server.url}/models/tc`, { inputs: 'third' })).status).toBe(200);
  });

  it('refuses with OVERLOADED beyond maxConcurrentRequests, whatever the model', async () => {
    const holds = [
      await held(server.url, '/models/tc', { inputs: 'one' }),
      await held(server.url, '/v1/embeddings', { model: 'fe', input: 'two' }),
      await held(server.url, '/models/fe', { inputs: 'three' }),
    ];
    await until(async () => metric(await metrics(server.url), 'convbert_requests_admitted') === 3, 'three requests admitted');
    const refused = await postJson(`${server.url}/v1/embeddings`, { model: 'fe', input: 'four' });
    expect([refused.status, refused.body.code]).toEqual([503, 'OVERLOADED']);
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
    expect(await Promise.all(holds.map((h) => h.send()))).toEqual([200, 200, 200]);
    await until(async () => metric(await metrics(server.url), 'convbert_requests_admitted') === 0, 'permits given back');
    expect((await postJson(`${server.url}/v1/embeddings`, { model: 'fe', input: 'four' })).status).toBe(200);
  });
});

describe('/v2 infer: admission, budgets and slices', () => {
  let server: ConvBertServer;
  const manifest = loadManifest('tiny');
  beforeAll(async () => {
    server = await serve({
      port: 0,
      log: false,
      workers: 1,
      maxWaitMs: 0,
      maxBatchTokens: 200,
      maxRequestTokens: 2048,
      maxInputs: 32,
      models: [{ name: 'tc', task: 'text-classification', model: TC }],
      workerFile: new URL('../fixtures/crashing-serve-worker.mjs', import.meta.url),
    });
    await server.ready;
  });
  afterAll(() => server?.close());

  const ids = (shape: number[], first = 5) => ({
    name: 'input_ids',
    shape,
    datatype: 'INT64',
    data: Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => (i % shape[1] === 0 ? first : 5)),
  });

  it('refuses what is over the limits before running it: rows 413, sequence length 422, tokens 413', async () => {
    const infer = (shape: number[]) => postJson(`${server.url}/v2/models/tc/infer`, { inputs: [ids(shape)] });
    const answers = await Promise.all([infer([33, 4]), infer([2, 129]), infer([24, 96])]);
    expect(answers.map((r) => [r.status, r.body.code])).toEqual([
      [413, 'TOO_MANY_INPUTS'],
      [422, 'INPUT_TOO_LONG'],
      [413, 'TOO_MANY_TOKENS'],
    ]);
    const tooMany = await postJson(`${server.url}/models/tc`, { inputs: Array(33).fill('hello') });
    expect([tooMany.status, tooMany.body.code]).toEqual([413, 'TOO_MANY_INPUTS']);
  });

  it('runs a large request in slices within the batch budget, with the reference outputs row for row', async () => {
    const result = manifest.results.find((r) => r.head === 'sequence-classification' && r.case === 'batch3_padded')!;
    const c = manifest.cases.find((x) => x.name === 'batch3_padded')!;
    const times = 5;
    const inputs = (['input_ids', 'attention_mask', 'token_type_ids'] as const).map((name) => {
      const t = readTensor('tiny', c.inputs[name]);
      const rows = Array.from(t.data as BigInt64Array, Number);
      return { name, shape: [t.dims[0] * times, t.dims[1]], datatype: 'INT64', data: Array(times).fill(rows).flat() };
    });
    const count = async () => metric(await metrics(server.url), 'convbert_batch_size_count', 'model="tc"');
    const before = await count();
    const res = await postJson(`${server.url}/v2/models/tc/infer`, { inputs });
    expect(res.status).toBe(200);
    const ref = readTensor('tiny', result.outputs.logits);
    const logits = res.body.outputs.find((o: Json) => o.name === 'logits');
    expect(logits.shape).toEqual([ref.dims[0] * times, ref.dims[1]]);
    const tiled = Float32Array.from({ length: ref.data.length * times }, (_, i) => (ref.data as Float32Array)[i % ref.data.length]);
    expect(compareClose(logits.data, tiled).ok).toBe(true);
    // 15 rows of 96 tokens, 200 tokens per call: 2 rows per slice, 8 model calls.
    expect((await count()) - before).toBe(8);
  });

  it('lets a small request pass a large one that arrived first', async () => {
    const order: string[] = [];
    // Three slices of two rows, each holding the worker for 400 ms (the fixture's slow slices).
    const large = postJson(`${server.url}/v2/models/tc/infer`, { inputs: [ids([6, 100], 1)] }).then((r) => {
      order.push(`large ${r.status}`);
    });
    await until(() => server.models.get('tc')!.batcher.running === 1, 'the first slice runs');
    const small = postJson(`${server.url}/models/tc`, { inputs: 'a small request' }).then((r) => {
      order.push(`small ${r.status}`);
    });
    await Promise.all([large, small]);
    expect(order).toEqual(['small 200', 'large 200']);
  });
});
