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
  app.get<{ Params: { name: string } }>('/v2/models/:name', async (req) => {
    const model = findModel(ctx, req.params.name);
    return { name: model.name, versions: ['1'], platform: 'convbert', ...modelSignature(model.task, model.config) };
  });
  app.get<{ Params: { name: string } }>('/v2/models/:name/ready', async (req) => {
    const model = findModel(ctx, req.params.name);
    return { name: model.name, ready: true };
  });
  app.post<{ Params: { name: string }; Body: InferBody }>('/v2/models/:name/infer', { schema: inferSchema }, async (req) => {
    const model = findModel(ctx, req.params.name);
    const { inputs, outputs } = modelSignature(model.task, model.config);
    const feeds = decodeInputs(req.body.inputs, inputs[0].shape.length);
    const known = outputs.map((o) => o.name);
    const asked = req.body.outputs?.map((o) => o.name);
    for (const name of asked ?? []) {
      if (!known.includes(name))
        throw new ServeError('INVALID_INPUT', `outputs: ${name} is not an output of ${model.name} (${known.join(', ')})`);
    }
    const result = await withDeadline(ctx, () => model.infer(feeds, asked));
    if (!result.ok) throw fromErrorData(result.error);
    return {
      model_name: model.name,
      model_version: '1',
      ...(req.body.id ? { id: req.body.id } : {}),
      outputs: encodeOutputs(result.value),
    };
  });
}
