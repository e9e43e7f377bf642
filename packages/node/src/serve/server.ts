// `convbert serve`: a router (fastify: HTTP, body limits, JSON parsing, schema validation) in front of
// a batcher per model in front of the pipelines, as text-embeddings-inference is built; admission
// before any work, timeouts on every phase, and a drain that tells the balancer before it closes.
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { Admission, shedEarly } from './admission.js';
import { clientErrorHandler, guardConnections, httpServerFactory } from './connections.js';
import type { Phase, ServeContext } from './context.js';
import { drain } from './drain.js';
import { ServeError, toServeError } from './errors.js';
import { guardRequests } from './guards.js';
import { requestId, trackRequests } from './lifecycle.js';
import { createLog } from './log.js';
import { createMetrics } from './metrics.js';
import { resolveOptions, type ServeOptions, servedName } from './options.js';
import { hfInferenceRoutes } from './routes/hf-inference.js';
import { openInferenceRoutes } from './routes/open-inference.js';
import { openAiRoutes } from './routes/openai.js';
import { operationsRoutes } from './routes/operations.js';
import { ServedModel } from './served-model.js';

export type { ServeLogOptions, ServeOptions } from './options.js';

/** What a drain left undone. */
export interface DrainReport {
  /** Requests still unanswered when `drainTimeoutMs` passed, cut. */
  cut: number;
}

export interface ConvBertServer {
  readonly app: FastifyInstance;
  readonly models: Map<string, ServedModel>;
  /** `http://host:port` once listening. */
  readonly url: string;
  /** Resolves when every model is loaded (rejects when one fails). */
  readonly ready: Promise<void>;
  /**
   * Drains, then stops: /ready answers 503 for `drainGraceMs` while requests are still served, then
   * the listener closes, what is in flight is answered (for at most `drainTimeoutMs` in all), and the
   * models are unloaded.
   */
  close(): Promise<DrainReport>;
}

/** Fastify's own errors as the server's codes; anything else through `toServeError`. */
function errorBody(err: FastifyError | Error): ServeError {
  if (err instanceof ServeError) return err;
  const e = err as FastifyError;
  if (e.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return new ServeError('BODY_TOO_LARGE', `the request body is over the limit: ${e.message}`);
  if (e.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return new ServeError('UNSUPPORTED_MEDIA_TYPE', 'send Content-Type: application/json');
  if (e.validation) return new ServeError('INVALID_REQUEST', `${e.message}`);
  if (e.code === 'FST_ERR_CTP_INVALID_CONTENT_LENGTH') return new ServeError('BAD_REQUEST', e.message);
  if (e.statusCode === 400 && (e.code?.startsWith('FST_ERR_CTP_') || err instanceof SyntaxError)) {
    return new ServeError('BAD_JSON', `the body is not valid JSON: ${e.message}`);
  }
  if (e.statusCode !== undefined && e.statusCode >= 400 && e.statusCode < 500)
    return new ServeError('BAD_REQUEST', e.message, { status: e.statusCode });
  return toServeError(err);
}

export async function serve(options: ServeOptions = {}): Promise<ConvBertServer> {
  const o = resolveOptions(options);
  const specs = o.models?.length
    ? o.models
    : [{ name: servedName('text-classification', undefined), task: 'text-classification' as const }];
  const names = new Set<string>();
  for (const s of specs) {
    if (names.has(s.name)) throw new ServeError('INVALID_REQUEST', `two models are named ${s.name}: give each a --name`);
    names.add(s.name);
  }
  const models = new Map<string, ServedModel>();
  let loaded = false;
  let phase: Phase = 'serving';
  const admission = new Admission(o.maxConcurrentRequests);
  let connections = () => 0;
  const metrics = createMetrics({
    queueDepths: () => Object.fromEntries([...models].map(([k, m]) => [k, m.batcher.depth])),
    admitted: () => admission.admitted,
    connections: () => connections(),
  });
  const ctx: ServeContext = {
    models,
    defaultModel: () => models.get(specs[0].name),
    metrics,
    admission,
    timeoutMs: o.timeoutMs,
    maxInputs: o.maxInputs,
    maxRequestTokens: o.maxRequestTokens,
    startedAt: Math.floor(Date.now() / 1000),
    loaded: () => loaded,
    phase: () => phase,
    isReady: () => loaded && phase === 'serving',
  };
  const log = createLog(o.log);

  const shed = shedEarly(ctx, {
    apiKey: o.apiKey,
    count: (route, code, seconds) => {
      metrics.requests.inc({ route, method: 'POST', status: '503' });
      metrics.latency.observe({ route }, seconds);
      metrics.refusal.observe({ code }, seconds);
    },
  });
  const app = Fastify({
    serverFactory: httpServerFactory(o, shed),
    bodyLimit: o.bodyLimit,
    logger: false,
    // Our own 503 SHUTTING_DOWN (in admission) answers while stopping, in the `{ error, code }` shape.
    return503OnClosing: false,
    requestIdHeader: false,
    genReqId: requestId,
    clientErrorHandler: clientErrorHandler(o),
  });
  app.setErrorHandler((err: FastifyError, req, reply) => {
    const e = errorBody(err);
    log?.answered(req, e);
    if (e.retryAfter !== undefined) reply.header('Retry-After', String(e.retryAfter));
    reply.code(e.status).send({ error: e.message, code: e.code });
  });
  app.setNotFoundHandler((req, reply) => {
    reply.code(404).send({ error: `no route ${req.method} ${req.url.split('?')[0]}`, code: 'NOT_FOUND' });
  });
  const tracked = trackRequests(app, metrics);
  connections = guardConnections(app, o, metrics, () => phase !== 'serving').open;
  guardRequests(app, o.apiKey);
  operationsRoutes(app, ctx);
  hfInferenceRoutes(app, ctx);
  openAiRoutes(app, ctx);
  openInferenceRoutes(app, ctx);

  await app.listen({ host: o.host, port: o.port });
  const address = app.server.address();
  const url =
    typeof address === 'object' && address
      ? `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`
      : '';

  const loading = (async () => {
    for (const spec of specs) {
      const m = await ServedModel.load(spec, {
        workers: o.workers,
        maxBatch: o.maxBatch,
        maxBatchTokens: o.maxBatchTokens,
        maxWaitMs: o.maxWaitMs,
        maxQueue: o.maxQueue,
        load: o.load ?? {},
        workerFile: o.workerFile,
        onBatch: (model, size) => metrics.batchSize.observe({ model }, size),
      });
      if (phase !== 'serving') {
        await m.close();
        return;
      }
      models.set(spec.name, m);
    }
    loaded = true;
  })();
  loading.catch(() => {});

  let closed: Promise<DrainReport> | undefined;
  return {
    app,
    models,
    url,
    ready: loading,
    close: () => {
      closed ??= drain({
        app,
        // Nobody was sent traffic before the models loaded: no balancer to tell.
        graceMs: loaded ? o.drainGraceMs : 0,
        timeoutMs: o.drainTimeoutMs,
        setPhase: (p) => {
          phase = p;
          log?.step(`drain: ${p}`);
        },
        inFlight: tracked.inFlight,
        unload: async (force) => {
          await loading.catch(() => {});
          await Promise.all([...models.values()].map((m) => m.close(force)));
        },
      });
      return closed;
    },
  };
}
