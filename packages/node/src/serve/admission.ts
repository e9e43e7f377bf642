// Admission before any work (TEI's permits, Triton's queue check): an inference request is refused,
// before its body is read, parsed or tokenized, when the server is not ready, too many requests are
// admitted already, or its model's queue is full. `shedEarly` answers those refusals in front of the
// router, for a few microseconds each; the `admit` hook is the one that admits (it takes the permit
// and a queue place), so that under overload the machine's time goes to the admitted requests.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import type { Ticket } from './batcher.js';
import type { ServeContext } from './context.js';
import { ServeError } from './errors.js';
import { guardRefusal } from './guards.js';
import { requestId, stateOf } from './lifecycle.js';
import { canonicalTask } from './protocols/hf-inference.js';
import type { ServedModel } from './served-model.js';

/** Requests admitted at once (TEI's `--max-concurrent-requests`): from their first byte to their answer. */
export class Admission {
  private active = 0;

  constructor(readonly max: number) {}

  get admitted(): number {
    return this.active;
  }

  tryAcquire(): boolean {
    if (this.active >= this.max) return false;
    this.active++;
    return true;
  }

  release(): void {
    this.active--;
  }
}

/** An inference route as its URL shows it: the route's pattern (the metrics' label) and the model it names. */
interface InferenceTarget {
  route: string;
  /** The model named in the path (`undefined`: the route's default, or the body says). */
  name: string | undefined;
  /** The model whose queue admission checks; `undefined` when only the body will tell. */
  model: ServedModel | undefined;
}

// The body names the model of /v1/embeddings; until it is read, the queue admission checks is the
// one of the only feature-extraction model, when there is exactly one.
function embedder(ctx: ServeContext): ServedModel | undefined {
  let found: ServedModel | undefined;
  for (const m of ctx.models.values()) {
    if (canonicalTask(m.task) !== 'feature-extraction') continue;
    if (found) return undefined;
    found = m;
  }
  return found;
}

/** The inference route of a POST path, or `undefined` for any other path. */
export function inferenceTarget(ctx: ServeContext, path: string): InferenceTarget | undefined {
  if (path === '/') return { route: '/', name: undefined, model: ctx.defaultModel() };
  if (path === '/v1/embeddings') return { route: '/v1/embeddings', name: undefined, model: embedder(ctx) };
  if (path.startsWith('/models/')) {
    const name = decodeURIComponent(path.slice('/models/'.length));
    return { route: '/models/*', name, model: ctx.models.get(name) };
  }
  const v2 = /^\/v2\/models\/([^/]+)(\/versions\/[^/]+)?\/infer$/.exec(path);
  if (v2) {
    const name = decodeURIComponent(v2[1]);
    return { route: v2[2] ? '/v2/models/:name/versions/:version/infer' : '/v2/models/:name/infer', name, model: ctx.models.get(name) };
  }
  return undefined;
}

interface Refusal {
  code: 'OVERLOADED' | 'QUEUE_FULL';
  message: string;
}

/** Why admission would refuse a request for `model` now (the checks the hook makes, without taking anything). */
function loadRefusal(ctx: ServeContext, model: ServedModel | undefined): Refusal | undefined {
  if (ctx.admission.admitted >= ctx.admission.max) {
    return { code: 'OVERLOADED', message: `the server is answering ${ctx.admission.max} requests already: try again shortly` };
  }
  if (model && !model.batcher.fits(1)) return { code: 'QUEUE_FULL', message: `the queue of ${model.name} is full: try again shortly` };
  return undefined;
}

interface Places {
  model: ServedModel | undefined;
  ticket: Ticket | undefined;
}

const places = new WeakMap<FastifyRequest, Places>();

/** The hook of the inference routes: admits the request (a permit, a place in its model's queue) or refuses it. */
export function admit(ctx: ServeContext): onRequestAsyncHookHandler {
  return async (req) => {
    if (ctx.phase() === 'stopping') {
      throw new ServeError('SHUTTING_DOWN', 'the server is shutting down: send the request to another replica');
    }
    if (!ctx.loaded()) throw new ServeError('NOT_READY', 'the models are still loading: try again shortly', { retryAfter: 2 });
    const target = inferenceTarget(ctx, req.url.split('?')[0]);
    if (target?.name !== undefined && !target.model) {
      throw new ServeError(
        'UNKNOWN_MODEL',
        `no model named ${JSON.stringify(target.name)} is served (served: ${[...ctx.models.keys()].join(', ')})`,
      );
    }
    const refused = loadRefusal(ctx, target?.model);
    if (refused) throw new ServeError(refused.code, refused.message);
    ctx.admission.tryAcquire();
    const p: Places = { model: target?.model, ticket: target?.model?.batcher.reserve(1) };
    places.set(req, p);
    stateOf(req).releases.push(() => {
      ctx.admission.release();
      if (p.model && p.ticket) p.model.batcher.release(p.ticket);
    });
  };
}

/** The request's queue places, now for `n` inputs of `model` (QUEUE_FULL when they do not fit). */
export function placesFor(req: FastifyRequest, model: ServedModel, n: number): Ticket {
  const p = places.get(req);
  if (!p) throw new Error('serve: request not admitted');
  if (p.model === model && p.ticket) {
    model.batcher.resize(p.ticket, n);
    return p.ticket;
  }
  if (p.model && p.ticket) p.model.batcher.release(p.ticket);
  p.model = undefined;
  p.ticket = model.batcher.reserve(n);
  if (!p.ticket) throw new ServeError('QUEUE_FULL', `the queue of ${model.name} is full: try again shortly`);
  p.model = model;
  return p.ticket;
}

/** Cancels the request's queued work when its client goes away. */
export function requestSignal(req: FastifyRequest): AbortSignal {
  return stateOf(req).controller.signal;
}

export interface ShedOptions {
  apiKey: string | undefined;
  /** Counts the refusal (its route and code) with the server time it took, in seconds. */
  count(route: string, code: string, seconds: number): void;
}

/**
 * The front of the HTTP server: answers `true` when it refused the request itself (503 OVERLOADED
 * or QUEUE_FULL, the same answer the hook would give). Anything else — other routes, requests the
 * guards refuse, a server loading or stopping — goes on to the router.
 */
export function shedEarly(ctx: ServeContext, options: ShedOptions): (req: IncomingMessage, res: ServerResponse) => boolean {
  return (req, res) => {
    if (req.method !== 'POST' || ctx.phase() === 'stopping' || !ctx.loaded()) return false;
    const start = performance.now();
    const q = req.url?.indexOf('?') ?? -1;
    const path = q < 0 ? (req.url ?? '/') : req.url!.slice(0, q);
    const target = inferenceTarget(ctx, path);
    if (!target || (target.name !== undefined && !target.model)) return false;
    const refused = loadRefusal(ctx, target.model);
    if (!refused || guardRefusal(path, req.headers, options.apiKey)) return false;
    const body = JSON.stringify({ error: refused.message, code: refused.code });
    res.writeHead(503, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(body),
      'retry-after': '1',
      'x-request-id': requestId(req),
    });
    res.end(body);
    options.count(target.route, refused.code, (performance.now() - start) / 1000);
    return true;
  };
}
