// OpenAI embeddings: `POST /v1/embeddings` on a feature-extraction model (mean pooling, unit length,
// like OpenAI's vectors).
import type { FastifyInstance } from 'fastify';
import type { ServeContext } from '../context.js';
import { ServeError } from '../errors.js';
import { canonicalTask } from '../protocols/hf-inference.js';
import { type EmbeddingsRequest, embeddingInputs, embeddingsResponse } from '../protocols/openai.js';
import { findModel, unwrap, withDeadline } from '../respond.js';

const schema = {
  body: {
    type: 'object',
    required: ['input'],
    properties: {
      model: { type: 'string' },
      input: {},
      encoding_format: { enum: ['float', 'base64'] },
      dimensions: { type: 'integer' },
      user: { type: 'string' },
    },
  },
} as const;

export function openAiRoutes(app: FastifyInstance, ctx: ServeContext): void {
  app.post<{ Body: EmbeddingsRequest }>('/v1/embeddings', { schema }, async (req) => {
    const body = req.body;
    const model = findModel(ctx, body.model);
    if (canonicalTask(model.task) !== 'feature-extraction') {
      throw new ServeError('INVALID_REQUEST', `model ${model.name} serves ${model.task}; embeddings need a feature-extraction model`);
    }
    const hidden = model.config?.hidden_size;
    if (body.dimensions !== undefined && body.dimensions !== hidden) {
      throw new ServeError('INVALID_REQUEST', `dimensions: ${model.name} gives ${hidden}-dimensional vectors, got ${body.dimensions}`);
    }
    const texts = embeddingInputs(body.input, ctx.maxInputs);
    const options = { pooling: 'mean', normalize: true };
    const results = unwrap(await withDeadline(ctx, (signal) => model.run(texts, options, signal))) as { data: Float32Array }[];
    const tokens = texts.reduce((n, t) => n + (model.lengthOf(t) ?? 0), 0);
    return embeddingsResponse(
      model.name,
      results.map((r) => r.data),
      tokens,
      body.encoding_format,
    );
  });
}
