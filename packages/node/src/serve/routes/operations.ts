// Probes and metrics: /health (the process answers), /ready (every model loaded, not draining),
// /metrics (Prometheus text).
import type { FastifyInstance } from 'fastify';
import type { ServeContext } from '../context.js';
import { ServeError } from '../errors.js';

export function operationsRoutes(app: FastifyInstance, ctx: ServeContext): void {
  app.get('/health', async () => ({ status: 'ok' }));
  app.get('/ready', async () => {
    if (ctx.phase() !== 'serving') throw new ServeError('SHUTTING_DOWN', 'the server is shutting down');
    if (!ctx.isReady()) throw new ServeError('NOT_READY', 'the models are still loading', { retryAfter: 2 });
    return { status: 'ready', models: [...ctx.models.keys()] };
  });
  app.get('/metrics', async (_req, reply) => {
    reply.type(ctx.metrics.registry.contentType);
    return ctx.metrics.registry.metrics();
  });
}
