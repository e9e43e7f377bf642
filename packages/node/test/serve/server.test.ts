// `convbert serve` spoken to by Hugging Face's own client (@huggingface/inference) and OpenAI's
// (`openai`), judged against the reference's pipeline outputs (golden/pipelines.json) and the
// reference's head outputs (golden/manifest.json) on the tiny checkpoints.
import { request } from 'node:http';
import { checkpointDir, compareClose, loadManifest, readTensor } from '@convbert/test-fixtures';
import { InferenceClient } from '@huggingface/inference';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConvBertServer, pipeline, serve } from '../../dist/index.js';
import { diffClose, goldenPipelines, postJson } from './helpers.js';

const KEY = 'test-key';
const auth = { authorization: `Bearer ${KEY}` };
let server: ConvBertServer;
let hf: InferenceClient;
const at = (name: string) => new InferenceClient(KEY).endpoint(`${server.url}/models/${name}`);

beforeAll(async () => {
  server = await serve({
    port: 0,
    // The models run in the server's thread here; serve-workers.test.ts covers worker threads.
    workers: 0,
    apiKey: KEY,
    bodyLimit: 64 * 1024,
    models: [
      { name: 'tc', task: 'text-classification', model: checkpointDir('tiny', 'sequence-classification') },
      { name: 'ner', task: 'token-classification', model: checkpointDir('tiny', 'token-classification') },
      { name: 'qa', task: 'question-answering', model: checkpointDir('tiny', 'question-answering') },
      { name: 'mlm', task: 'fill-mask', model: checkpointDir('tiny', 'masked-lm') },
      { name: 'mc', task: 'multiple-choice', model: checkpointDir('tiny', 'multiple-choice') },
      { name: 'fe', task: 'feature-extraction', model: checkpointDir('tiny', 'base') },
    ],
  });
  await server.ready;
  hf = new InferenceClient(KEY).endpoint(server.url);
});
afterAll(() => server?.close());

describe('Hugging Face Inference API, through @huggingface/inference, against the reference pipelines', () => {
  it('text-classification (POST / serves the first model)', async () => {
    for (const c of goldenPipelines('text-classification')) {
      const parameters = c.kwargs;
      if (Array.isArray(c.inputs)) {
        const raw = await postJson(`${server.url}/models/tc`, { inputs: c.inputs, parameters }, auth);
        expect(diffClose(raw.body, c.output), c.id).toEqual([]);
        continue;
      }
      const inputs = typeof c.inputs === 'string' ? c.inputs : (c.inputs as never);
      const got = await hf.textClassification({ inputs, parameters } as never);
      // A dict input (a text pair) gives the reference one {label, score}; the API always answers a list.
      expect(diffClose(got, Array.isArray(c.output) ? c.output : [c.output]), c.id).toEqual([]);
    }
  });

  it('fill-mask', async () => {
    for (const c of goldenPipelines('fill-mask')) {
      const nested = Array.isArray((c.output as unknown[])[0]);
      const got = nested
        ? (await postJson(`${server.url}/models/mlm`, { inputs: c.inputs, parameters: c.kwargs }, auth)).body
        : await at('mlm').fillMask({ inputs: c.inputs as string, parameters: c.kwargs });
      expect(diffClose(got, c.output), c.id).toEqual([]);
    }
  });

  it('token-classification (grouped entities through the client, single tokens raw)', async () => {
    for (const c of goldenPipelines('token-classification')) {
      const grouped = c.kwargs.aggregation_strategy !== 'none' && typeof c.inputs === 'string';
      const got = grouped
        ? await at('ner').tokenClassification({ inputs: c.inputs as string, parameters: c.kwargs as never })
        : (await postJson(`${server.url}/models/ner`, { inputs: c.inputs, parameters: c.kwargs }, auth)).body;
      const diffs = diffClose(got, c.output);
      expect(diffs, c.id).toEqual([]);
    }
  });

  it('question-answering', async () => {
    for (const c of goldenPipelines('question-answering')) {
      const raw = await postJson(`${server.url}/models/qa`, { inputs: c.inputs, parameters: c.kwargs }, auth);
      expect(diffClose(raw.body, c.output), c.id).toEqual([]);
      if (!Array.isArray(c.inputs)) {
        const got = await at('qa').questionAnswering({ inputs: c.inputs as never, parameters: c.kwargs });
        // The client keeps the best answer of a list.
        expect(diffClose(got, Array.isArray(c.output) ? c.output[0] : c.output), c.id).toEqual([]);
      }
    }
  });

  it('feature-extraction and multiple choice give the in-process pipelines’ results', async () => {
    const fe = await pipeline('feature-extraction', checkpointDir('tiny', 'base'));
    const local = (await fe('The capital of France is Paris.')) as unknown as { data: Float32Array; dims: number[] };
    await fe.dispose();
    const got = (await at('fe').featureExtraction({ inputs: 'The capital of France is Paris.' })) as number[][];
    expect([got.length, got[0].length]).toEqual(local.dims);
    expect(Float32Array.from(got.flat())).toEqual(local.data);

    const mc = await pipeline('multiple-choice', checkpointDir('tiny', 'multiple-choice'));
    const expected = await mc('Where is Paris?', ['In France.', 'On the moon.', 'Under the sea.']);
    await mc.dispose();
    const raw = await postJson(
      `${server.url}/models/mc`,
      { inputs: { prompt: 'Where is Paris?', choices: ['In France.', 'On the moon.', 'Under the sea.'] } },
      auth,
    );
    expect(raw.status).toBe(200);
    expect(raw.body).toEqual(JSON.parse(JSON.stringify(expected)));
  });
});

describe('OpenAI embeddings, through the openai client', () => {
  it('answers mean-pooled unit vectors in float and base64 form', async () => {
    const fe = await pipeline('feature-extraction', checkpointDir('tiny', 'base'));
    const texts = ['The capital of France is Paris.', 'Hello world'];
    const expected = (await fe(texts, { pooling: 'mean', normalize: true })) as unknown as { data: Float32Array }[];
    await fe.dispose();
    const client = new OpenAI({ apiKey: KEY, baseURL: `${server.url}/v1`, maxRetries: 0 });
    const b64 = await client.embeddings.create({ model: 'fe', input: texts });
    const floats = await client.embeddings.create({ model: 'fe', input: texts, encoding_format: 'float' });
    for (const res of [b64, floats]) {
      expect(res.object).toBe('list');
      expect(res.data.map((d) => d.index)).toEqual([0, 1]);
      for (const [i, d] of res.data.entries()) expect(Float32Array.from(d.embedding)).toEqual(expected[i].data);
      expect(res.usage.prompt_tokens).toBeGreaterThan(4);
    }
    await expect(client.embeddings.create({ model: 'tc', input: 'x' })).rejects.toMatchObject({ status: 422 });
    await expect(client.embeddings.create({ model: 'nope', input: 'x' })).rejects.toMatchObject({ status: 404 });
  });

  it('lists the served models (what OpenAI clients ask first)', async () => {
    const client = new OpenAI({ apiKey: KEY, baseURL: `${server.url}/v1`, maxRetries: 0 });
    const ids: string[] = [];
    for await (const m of client.models.list()) ids.push(m.id);
    expect(ids).toEqual(['tc', 'ner', 'qa', 'mlm', 'mc', 'fe']);
    expect(await client.models.retrieve('fe')).toMatchObject({ id: 'fe', object: 'model', owned_by: 'convbert' });
    await expect(client.models.retrieve('nope')).rejects.toMatchObject({ status: 404 });
  });
});

describe('Open Inference Protocol (/v2) against the reference head outputs', () => {
  const manifest = loadManifest('tiny');
  const HEADS: Record<string, string> = {
    base: 'fe',
    'sequence-classification': 'tc',
    'token-classification': 'ner',
    'question-answering': 'qa',
    'masked-lm': 'mlm',
    'multiple-choice': 'mc',
  };

  it('describes the server and each model', async () => {
    expect(((await (await fetch(`${server.url}/v2`, { headers: auth })).json()) as { name: string }).name).toBe('convbert-serve');
    const meta = (await (await fetch(`${server.url}/v2/models/qa`, { headers: auth })).json()) as {
      inputs: { name: string }[];
      outputs: { name: string }[];
    };
    expect(meta.inputs.map((i: { name: string }) => i.name)).toEqual(['input_ids', 'attention_mask', 'token_type_ids']);
    expect(meta.outputs.map((o: { name: string }) => o.name)).toEqual(['start_logits', 'end_logits']);
    expect((await fetch(`${server.url}/v2/models/qa/ready`, { headers: auth })).status).toBe(200);
    expect((await fetch(`${server.url}/v2/models/qa/versions/1/ready`, { headers: auth })).status).toBe(200);
    expect((await fetch(`${server.url}/v2/models/qa/versions/2`, { headers: auth })).status).toBe(404);
    expect((await fetch(`${server.url}/v2/models/nope/ready`, { headers: auth })).status).toBe(404);
  });

  it('infer on every head gives the reference outputs', async () => {
    let checked = 0;
    for (const result of manifest.results) {
      if (result.kind === 'loss') continue;
      const c = manifest.cases.find((x) => x.name === result.case)!;
      const inputs = (['input_ids', 'attention_mask', 'token_type_ids'] as const).map((name) => {
        const t = readTensor('tiny', c.inputs[name]);
        return { name, shape: t.dims, datatype: 'INT64', data: Array.from(t.data as BigInt64Array, Number) };
      });
      const names = Object.keys(result.outputs).filter((n) => ['logits', 'start_logits', 'end_logits', 'last_hidden_state'].includes(n));
      const res = await postJson(
        `${server.url}/v2/models/${HEADS[result.head]}/infer`,
        { inputs, outputs: names.map((name) => ({ name })) },
        auth,
      );
      expect(res.status, `${result.head}/${result.case}`).toBe(200);
      for (const name of names) {
        const out = res.body.outputs.find((o: { name: string }) => o.name === name);
        const ref = readTensor('tiny', result.outputs[name]);
        expect(out.shape).toEqual(ref.dims);
        expect(compareClose(out.data, ref.data as Float32Array).ok, `${result.head}/${result.case}/${name}`).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(40);
  });

  it('refuses bad tensors with 422 naming the input', async () => {
    const bad = await postJson(
      `${server.url}/v2/models/tc/infer`,
      { inputs: [{ name: 'input_ids', shape: [1, 3], datatype: 'INT64', data: [1, 2] }] },
      auth,
    );
    expect(bad.status).toBe(422);
    expect(bad.body.error).toMatch(/input_ids.*2 values/);
  });
});

describe('bad and heavy input', () => {
  it('answers JSON errors with the right status and code', async () => {
    const cases: [string, unknown, number, string][] = [
      ['/models/tc', '{"inputs": ', 400, 'BAD_JSON'],
      ['/models/tc', { input: 'x' }, 422, 'INVALID_REQUEST'],
      ['/models/tc', { inputs: 42 }, 422, 'INVALID_INPUT'],
      ['/models/tc', { inputs: [] }, 422, 'INVALID_INPUT'],
      ['/models/tc', { inputs: '   ' }, 422, 'INVALID_INPUT'],
      ['/models/tc', { inputs: 'x', parameters: { topk: 2 } }, 422, 'INVALID_REQUEST'],
      ['/models/mlm', { inputs: 'no mask here' }, 422, 'NO_MASK_TOKEN'],
      ['/models/qa', { inputs: { question: 'Why?' } }, 422, 'INVALID_INPUT'],
      ['/models/nope', { inputs: 'x' }, 404, 'UNKNOWN_MODEL'],
      ['/no/such/route', { inputs: 'x' }, 404, 'NOT_FOUND'],
    ];
    for (const [path, body, status, code] of cases) {
      const res = await postJson(`${server.url}${path}`, body, auth);
      expect([res.status, res.body.code], `${path} ${JSON.stringify(body)}`).toEqual([status, code]);
      expect(typeof res.body.error).toBe('string');
    }
    const field = await postJson(`${server.url}/models/qa`, { inputs: { question: 'Why?' } }, auth);
    expect(field.body.error).toMatch(/inputs\.context/);
  });

  it('answers a lone UTF-16 surrogate with 422 INVALID_UTF16, wherever it is', async () => {
    const cases: [string, unknown][] = [
      ['/models/tc', { inputs: 'a\ud800b' }],
      ['/models/tc', { inputs: { text: 'fine', text_pair: 'x\udc00' } }],
      ['/models/tc', { inputs: ['fine', 'bad\udfff'] }],
      ['/models/qa', { inputs: { question: 'Why\ud83d?', context: 'Because.' } }],
      ['/models/mc', { inputs: { prompt: 'Where?', choices: ['Here.', 'There\ud800.'] } }],
      ['/v1/embeddings', { model: 'fe', input: ['ok', '\udbff'] }],
    ];
    for (const [path, body] of cases) {
      const res = await postJson(`${server.url}${path}`, body, auth);
      expect([res.status, res.body.code], `${path} ${JSON.stringify(body)}`).toEqual([422, 'INVALID_UTF16']);
    }
  });

  it('one bad input in a batch fails only its own request', async () => {
    const [good, bad] = await Promise.all([
      postJson(`${server.url}/models/mlm`, { inputs: 'Paris is the [MASK] of France.' }, auth),
      postJson(`${server.url}/models/mlm`, { inputs: 'Paris is the capital of France.' }, auth),
    ]);
    expect(good.status).toBe(200);
    expect(bad.body.code).toBe('NO_MASK_TOKEN');
  });

  it('wants the API key (probes and metrics excepted)', async () => {
    const res = await postJson(`${server.url}/models/tc`, { inputs: 'x' });
    expect([res.status, res.body.code]).toEqual([401, 'UNAUTHORIZED']);
    expect((await postJson(`${server.url}/models/tc`, { inputs: 'x' }, { authorization: 'Bearer wrong' })).status).toBe(401);
    await expect(new InferenceClient('wrong').endpoint(server.url).textClassification({ inputs: 'x' })).rejects.toThrow();
    for (const path of ['/health', '/ready', '/metrics']) expect((await fetch(`${server.url}${path}`)).status).toBe(200);
  });

  it('refuses a body over the limit with 413 without reading it', async () => {
    // Announces 50 MB and sends 1 KB: an answer can only come if the server does not wait for the rest.
    const { hostname, port } = new URL(server.url);
    const res = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(
        {
          hostname,
          port,
          method: 'POST',
          path: '/models/tc',
          headers: { ...auth, 'content-type': 'application/json', 'content-length': 50e6 },
        },
        (r) => {
          let body = '';
          r.on('data', (d) => (body += d));
          r.on('end', () => {
            resolve({ status: r.statusCode ?? 0, body });
            // The server would read the rest for up to its body timeout: this client never sends it.
            req.destroy();
          });
        },
      );
      req.on('error', reject);
      req.write(`{"inputs": "${'a'.repeat(1024)}`);
    });
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body).code).toBe('BODY_TOO_LARGE');
  });
});

describe('batching across requests', () => {
  it('concurrent requests get exactly the one-at-a-time results', async () => {
    const texts = goldenPipelines('token-classification')
      .map((c) => c.inputs)
      .filter((t): t is string => typeof t === 'string');
    // Equal lengths (the same text twice) share batches; other lengths never do.
    const inputs = [...texts, ...texts, 'short one', 'short two', 'Paris', 'Rome'];
    const one = [];
    for (const t of inputs) one.push((await postJson(`${server.url}/models/ner`, { inputs: t }, auth)).body);
    const together = await Promise.all(inputs.map((t) => postJson(`${server.url}/models/ner`, { inputs: t }, auth)));
    expect(together.map((r) => r.body)).toEqual(one);
  });
});

describe('operations', () => {
  it('reports health, readiness and Prometheus metrics', async () => {
    expect(await (await fetch(`${server.url}/health`)).json()).toEqual({ status: 'ok' });
    expect(((await (await fetch(`${server.url}/ready`)).json()) as { models: string[] }).models).toEqual([
      'tc',
      'ner',
      'qa',
      'mlm',
      'mc',
      'fe',
    ]);
    const text = await (await fetch(`${server.url}/metrics`)).text();
    expect(text).toMatch(/convbert_requests_total\{route="\/models\/\*",method="POST",status="200"\} \d+/);
    expect(text).toMatch(/convbert_request_duration_seconds_bucket/);
    expect(text).toMatch(/convbert_queue_depth\{model="tc"\} 0/);
  });
});
