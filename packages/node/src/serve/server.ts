// `convbert serve`: a router (fastify: HTTP, body limits, JSON parsing, schema validation) in front of
// a batcher per model in front of the pipelines, as text-embeddings-inference is built.
import { timingSafeEqual } from 'node:crypto';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import type { PipelineOptions } from '../platform.js';
import type { ServeContext } from './context.js';
import { ServeError } from './errors.js';
import { createMetrics } from './metrics.js';
import { hfInferenceRoutes } from './routes/hf-inference.js';
import { openInferenceRoutes } from './routes/open-inference.js';
import { openAiRoutes } from './routes/openai.js';
import { operationsRoutes } from './routes/operations.js';
import { ServedModel, type ServedModelSpec } from './served-model.js';

export interface ServeOptions {
  /** The models to serve (default: the embedded text-classification model, named `default`). */
  models?: ServedModelSpec[];
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /**
   * Worker threads per model (default 1). 0 runs the model in the server's own thread, which
   * onnxruntime-node then blocks while it runs: probes wait, and requests meet in fewer batches.
   */
  workers?: number;
  /** Inputs per model call at most (default 32). */
  maxBatch?: number;
  /** How long an input waits for companions before its batch runs anyway (default 5 ms; 0: no waiting). */
  maxWaitMs?: number;
  /** Inputs waiting per model before requests are refused with 503 (default 1024). */
  maxQueue?: number;
  /** Inputs in one request at most (default 256). */
  maxInputs?: number;
  /** Requests must send `Authorization: Bearer <apiKey>` (probes and /metrics excepted). */
  apiKey?: string;
  /** Per-request deadline in ms (default 30 000); 503 when it passes. */
  timeoutMs?: number;
  /** Largest request body in bytes (default 4 MiB); larger ones get 413 unread. */
  bodyLimit?: number;
  /** How the models load (cache folder, revision, dtype, device, ...). */
  load?: PipelineOptions;
  /** @internal The worker module (tests wrap the real one to make a worker die). */
  workerFile?: URL;
}

export interface ConvBertServer {
  readonly app: FastifyInstance;
  readonly models: Map<string, ServedModel>;
  /** `http://host:port` once listening. */
  readonly url: string;
  /** Resolves when every model is loaded (rejects when one fails). */
  readonly ready: Promise<void>;
  /** Stops accepting, answers what is in flight, unloads the models. */
  close(): Promise<void>;
}

const OPEN_ROUTES = new Set(['/health', '/ready', '/metrics']);

function bearerMatches(header: string | undefined, key: string): boolean {
  const given = Buffer.from(header ?? '');
  const want = Buffer.from(`Bearer ${key}`);
  return given.length === want.length && timingSafeEqual(given, want);
}

function errorBody(err: FastifyError | ServeError | Error): ServeError {
  if (err instanceof ServeError) return err;
  const e = err as FastifyError;
  if (e.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return new ServeError('BODY_TOO_LARGE', `the request body is over the limit: ${e.message}`);
  if (e.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return new ServeError('UNSUPPORTED_MEDIA_TYPE', 'send Content-Type: application/json');
  if (e.validation) return new ServeError('INVALID_REQUEST', `${e.message}`);
  if (e.statusCode === 400) return new ServeError('BAD_JSON', `the body is not valid JSON: ${e.message}`);
  return new ServeError('INTERNAL', 'internal error', { cause: err });
}

export async function serve(options: ServeOptions = {}): Promise<ConvBertServer> {
  const specs = options.models?.length ? options.models : [{ name: 'default', task: 'text-classification' as const }];
  const limits: [string, number | undefined, number][] = [
    ['workers', options.workers, 0],
    ['maxBatch', options.maxBatch, 1],
    ['maxWaitMs', options.maxWaitMs, 0],
    ['maxQueue', options.maxQueue, 1],
    ['maxInputs', options.maxInputs, 1],
    ['timeoutMs', options.timeoutMs, 1],
    ['bodyLimit', options.bodyLimit, 1],
  ];
  for (const [name, value, min] of limits) {
    if (value !== undefined && (!Number.isInteger(value) || value < min)) {
      throw new RangeError(`serve: ${name} must be an integer ≥ ${min}, got ${value}`);
    }
  }
  const names = new Set<string>();
  for (const s of specs) {
    if (names.has(s.name)) throw new ServeError('INVALID_REQUEST', `two models are named ${s.name}: give each a --name`);
    names.add(s.name);
  }
  const models = new Map<string, ServedModel>();
  let ready = false;
  let closing = false;
  const metrics = createMetrics(() => Object.fromEntries([...models].map(([k, m]) => [k, m.batcher.depth])));
  const ctx: ServeContext = {
    models,
    defaultModel: () => models.get(specs[0].name),
    metrics,
    timeoutMs: options.timeoutMs ?? 30_000,
    maxInputs: options.maxInputs ?? 256,
    isReady: () => ready && !closing,
    isClosing: () => closing,
  };

  const app = Fastify({ bodyLimit: options.bodyLimit ?? 4 * 2 ** 20, logger: false, return503OnClosing: true });
  app.setErrorHandler((err: FastifyError, req, reply) => {
    const e = errorBody(err);
    if (e.code === 'INTERNAL' && e.cause) req.log.error(e.cause);
    if (e.retryAfter !== undefined) reply.header('Retry-After', String(e.retryAfter));
    reply.code(e.status).send({ error: e.message, code: e.code });
  });
  app.setNotFoundHandler((req, reply) => {
    reply.code(404).send({ error: `no route ${req.method} ${req.url.split('?')[0]}`, code: 'NOT_FOUND' });
  });
  app.addHook('onRequest', async () => {
    metrics.inFlight.inc();
  });
  // While draining, answers close their connection: a keep-alive socket would hold close() open.
  app.addHook('onSend', async (_req, reply) => {
    if (closing) reply.header('connection', 'close');
  });
  app.addHook('onResponse', async (req, reply) => {
    metrics.inFlight.dec();
    const route = req.routeOptions.url ?? 'unmatched';
    metrics.requests.inc({ route, method: req.method, status: String(reply.statusCode) });
    metrics.latency.observe({ route }, reply.elapsedTime / 1000);
  });
  if (options.apiKey) {
    const key = options.apiKey;
    app.addHook('onRequest', async (req) => {
      if (OPEN_ROUTES.has(req.url.split('?')[0])) return;
      if (!bearerMatches(req.headers.authorization, key)) {
        throw new ServeError('UNAUTHORIZED', 'send Authorization: Bearer <api key>');
      }
    });
  }
  operationsRoutes(app, ctx);
  hfInferenceRoutes(app, ctx);
  openAiRoutes(app, ctx);
  openInferenceRoutes(app, ctx);

  await app.listen({ host: options.host ?? '127.0.0.1', port: options.port ?? 8080 });
  const address = app.server.address();
  const url =
    typeof address === 'object' && address
      ? `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`
      : '';

  const loading = (async () => {
    for (const spec of specs) {
      const m = await ServedModel.load(spec, {
        workers: options.workers ?? 1,
        maxBatch: options.maxBatch ?? 32,
        maxWaitMs: options.maxWaitMs ?? 5,
        maxQueue: options.maxQueue ?? 1024,
        load: options.load ?? {},
        workerFile: options.workerFile,
        onBatch: (model, size) => metrics.batchSize.observe({ model }, size),
      });
      if (closing) {
        await m.close();
        return;
      }
      models.set(spec.name, m);
    }
    ready = true;
  })();
  loading.catch(() => {});

  let closed: Promise<void> | undefined;
  return {
    app,
    models,
    url,
    ready: loading,
    close: () => {
      closed ??= (async () => {
        closing = true;
        await app.close();
        await loading.catch(() => {});
        await Promise.all([...models.values()].map((m) => m.close()));
      })();
      return closed;
    },
  };
}
