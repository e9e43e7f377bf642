// Open Inference Protocol (KServe v2): server and model metadata, readiness, and `infer` on tensors,
// the HTTP API Triton, KServe and Seldon share, so `RemoteBackend` (and their clients) can use us.
import type { FastifyInstance } from 'fastify';
import { admit, placesFor, requestSignal } from '../admission.js';
import type { ServeContext } from '../context.js';
import { fromErrorData, ServeError } from '../errors.js';
import { decodeInputs, encodeOutputs, type InferInput, modelSignature } from '../protocols/open-inference.js';
import { findModel, withDeadline } from '../respond.js';
import type { ServedModel } from '../served-model.js';

interface InferBody {
  id?: string;
  inputs: InferInput[];
  outputs?: { name: string }[];
}

const inferSchema = {
  body: {
    type: 'object',
    required: ['inputs'],
    properties: {
      id: { type: 'string' },
      inputs: {
        type: 'array',
        minItems: 1,
        items: {
          type: 'object',
          required: ['name', 'shape', 'datatype', 'data'],
          properties: {
            name: { type: 'string' },
            shape: { type: 'array', items: { type: 'integer' } },
            datatype: { type: 'string' },
            data: {},
          },
        },
      },
      outputs: { type: 'array', items: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } } },
    },
  },
} as const;

/**
 * The request's size against the limits, from the shape of `input_ids` alone (before its values are
 * decoded): rows as inputs (413), the sequence against the model's length (422), rows × sequence
 * (× choices) as tokens (413).
 */
function checkSize(ctx: ServeContext, m: ServedModel, inputs: InferInput[]): void {
  const shape = inputs.find((i) => i.name === 'input_ids')?.shape;
  if (!Array.isArray(shape) || shape.length === 0 || shape.some((d) => !Number.isInteger(d) || d < 1)) return; // decodeInputs names the problem
  const rows = shape[0];
  const seq = shape[shape.length - 1];
  const tokens = shape.reduce((a, b) => a * b, 1);
  if (rows > ctx.maxInputs) throw new ServeError('TOO_MANY_INPUTS', `input_ids has ${rows} rows; at most ${ctx.maxInputs} per request`);
  if (seq > m.maxLength) {
    throw new ServeError('INPUT_TOO_LONG', `input_ids: sequences of ${seq} tokens; ${m.name} takes at most ${m.maxLength}`, {
      status: 422,
    });
  }
  if (tokens > ctx.maxRequestTokens) {
    throw new ServeError('TOO_MANY_TOKENS', `input_ids has ${tokens} tokens; at most ${ctx.maxRequestTokens} per request: send fewer rows`);
  }
}

export function openInferenceRoutes(app: FastifyInstance, ctx: ServeContext): void {
  app.get('/v2', async () => ({ name: 'convbert-serve', version: '1', extensions: [] }));
  app.get('/v2/health/live', async () => ({ live: true }));
  // The same answer as /ready: 503 while loading and while draining.
  app.get('/v2/health/ready', async () => {
    if (ctx.phase() !== 'serving') throw new ServeError('SHUTTING_DOWN', 'the server is shutting down');
    if (!ctx.isReady()) throw new ServeError('NOT_READY', 'the models are still loading', { retryAfter: 2 });
    return { ready: true };
  });
  type Params = { name: string; version?: string };
  // Each model has one version, "1"; the versioned paths of the protocol name it explicitly.
  const model = (p: Params) => {
    const m = findModel(ctx, p.name);
    if (p.version !== undefined && p.version !== '1') {
      throw new ServeError('UNKNOWN_MODEL', `model ${m.name} has version 1 only, not ${JSON.stringify(p.version)}`);
    }
    return m;
  };
  for (const base of ['/v2/models/:name', '/v2/models/:name/versions/:version']) {
    app.get<{ Params: Params }>(base, async (req) => {
      const m = model(req.params);
      return { name: m.name, versions: ['1'], platform: 'convbert', ...modelSignature(m.task, m.config) };
    });
    app.get<{ Params: Params }>(`${base}/ready`, async (req) => ({ name: model(req.params).name, ready: true }));
    const infer = { schema: inferSchema, onRequest: admit(ctx) };
    app.post<{ Params: Params; Body: InferBody }>(`${base}/infer`, infer, async (req) => {
      const m = model(req.params);
      const { inputs, outputs } = modelSignature(m.task, m.config);
      checkSize(ctx, m, req.body.inputs);
      const feeds = decodeInputs(req.body.inputs, inputs[0].shape.length);
      const known = outputs.map((o) => o.name);
      const asked = req.body.outputs?.map((o) => o.name);
      for (const name of asked ?? []) {
        if (!known.includes(name))
          throw new ServeError('INVALID_INPUT', `outputs: ${name} is not an output of ${m.name} (${known.join(', ')})`);
      }
      const ticket = placesFor(req, m, feeds.input_ids.dims[0]);
      const result = await withDeadline(ctx, (signal) => m.infer(feeds, asked, { signal, ticket }), requestSignal(req));
      if (!result.ok) throw fromErrorData(result.error);
      return { model_name: m.name, model_version: '1', ...(req.body.id ? { id: req.body.id } : {}), outputs: encodeOutputs(result.value) };
    });
  }
}
