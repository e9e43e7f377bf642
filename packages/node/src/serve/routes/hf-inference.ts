// Hugging Face Inference API: `POST /` (the first served model) and `POST /models/<name>`.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { admit } from '../admission.js';
import type { ServeContext } from '../context.js';
import { parseInputs, pipelineOptions, responseWire } from '../protocols/hf-inference.js';
import { answerInputs, findModel } from '../respond.js';

interface Body {
  inputs: unknown;
  parameters?: Record<string, unknown>;
  options?: Record<string, unknown>;
}

const schema = {
  body: {
    type: 'object',
    required: ['inputs'],
    properties: {
      inputs: {},
      parameters: { type: ['object', 'null'] },
      // The API's `options` (`wait_for_model`, `use_cache`): accepted, nothing to do here.
      options: { type: ['object', 'null'] },
    },
  },
} as const;

export function hfInferenceRoutes(app: FastifyInstance, ctx: ServeContext): void {
  const handle = async (req: FastifyRequest<{ Body: Body }>, name: string | undefined) => {
    const model = findModel(ctx, name);
    const parsed = parseInputs(model.task, req.body.inputs, ctx.maxInputs);
    const options = pipelineOptions(model.task, req.body.parameters);
    const { values } = await answerInputs(ctx, req, model, parsed.items, options);
    return responseWire(model.task, parsed, values);
  };
  const named = (req: FastifyRequest) => (req.params as { '*': string })['*'];
  app.post<{ Body: Body }>('/', { schema, onRequest: admit(ctx) }, (req) => handle(req, undefined));
  // Names may hold a slash (`org/model`), as hub ids do.
  app.post<{ Body: Body }>('/models/*', { schema, onRequest: admit(ctx) }, (req) => handle(req, named(req)));
}
