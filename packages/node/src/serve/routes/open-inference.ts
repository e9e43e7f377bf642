// Open Inference Protocol (KServe v2): server and model metadata, readiness, and `infer` on tensors,
// the HTTP API Triton, KServe and Seldon share, so `RemoteBackend` (and their clients) can use us.
import type { FastifyInstance } from 'fastify';
import type { ServeContext } from '../context.js';
import { fromErrorData, ServeError } from '../errors.js';
import { decodeInputs, encodeOutputs, type InferInput, modelSignature } from '../protocols/open-inference.js';
import { findModel, withDeadline } from '../respond.js';

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

export function openInferenceRoutes(app: FastifyInstance, ctx: ServeContext): void {
  app.get('/v2', async () => ({ name: 'convbert-serve', version: '1', extensions: [] }));
  app.get('/v2/health/live', async () => ({ live: true }));
  app.get('/v2/health/ready', async () => {
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
    app.post<{ Params: Params; Body: InferBody }>(`${base}/infer`, { schema: inferSchema }, async (req) => {
      const m = model(req.params);
      const { inputs, outputs } = modelSignature(m.task, m.config);
      const feeds = decodeInputs(req.body.inputs, inputs[0].shape.length);
      const known = outputs.map((o) => o.name);
      const asked = req.body.outputs?.map((o) => o.name);
      for (const name of asked ?? []) {
        if (!known.includes(name))
          throw new ServeError('INVALID_INPUT', `outputs: ${name} is not an output of ${m.name} (${known.join(', ')})`);
      }
      const result = await withDeadline(ctx, () => m.infer(feeds, asked));
      if (!result.ok) throw fromErrorData(result.error);
      return { model_name: m.name, model_version: '1', ...(req.body.id ? { id: req.body.id } : {}), outputs: encodeOutputs(result.value) };
    });
  }
}
