// OpenAI embeddings: `POST /v1/embeddings` on a feature-extraction model (mean pooling, unit length,
// like OpenAI's vectors).
import type { FastifyInstance } from 'fastify';
import { admit } from '../admission.js';
import type { ServeContext } from '../context.js';
import { ServeError } from '../errors.js';
import { canonicalTask } from '../protocols/hf-inference.js';
import { type EmbeddingsRequest, embeddingInputs, embeddingsResponse, modelList, modelObject } from '../protocols/openai.js';
import { answerInputs, findModel } from '../respond.js';

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
  // `openai.models.list()`: what clients ask first, and what tools built on them use to pick a model.
  app.get('/v1/models', async () => modelList([...ctx.models.keys()], ctx.startedAt));
  app.get<{ Params: { '*': string } }>('/v1/models/*', async (req) => modelObject(findModel(ctx, req.params['*']).name, ctx.startedAt));
  app.post<{ Body: EmbeddingsRequest }>('/v1/embeddings', { schema, onRequest: admit(ctx) }, async (req) => {
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
    const { values, tokens } = await answerInputs(ctx, req, model, texts, options);
    return embeddingsResponse(
      model.name,
      (values as { data: Float32Array }[]).map((r) => r.data),
      tokens,
      body.encoding_format,
    );
  });
}
