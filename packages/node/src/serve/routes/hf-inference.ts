// Hugging Face Inference API: `POST /` (the first served model) and `POST /models/<name>`.
import type { FastifyInstance } from 'fastify';
import type { ServeContext } from '../context.js';
import { parseInputs, pipelineOptions, responseWire } from '../protocols/hf-inference.js';
import { findModel, unwrap, withDeadline } from '../respond.js';

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
  const handle = async (name: string | undefined, body: Body) => {
    const model = findModel(ctx, name);
    const parsed = parseInputs(model.task, body.inputs, ctx.maxInputs);
    const options = pipelineOptions(model.task, body.parameters);
    const results = unwrap(await withDeadline(ctx, (signal) => model.run(parsed.items, options, signal)));
    return responseWire(model.task, parsed, results);
  };
  app.post<{ Body: Body }>('/', { schema }, (req) => handle(undefined, req.body));
  // Names may hold a slash (`org/model`), as hub ids do.
  app.post<{ Body: Body; Params: { '*': string } }>('/models/*', { schema }, (req) => handle(req.params['*'], req.body));
}
