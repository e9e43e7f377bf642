// Admission before any work (TEI's permits, Triton's queue check): a request is refused in its
// route's `onRequest` hook, before its body is read, parsed or tokenized, when the server is not
// ready, too many requests are admitted already, or its model's queue is full. A refusal costs
// microseconds, so under overload the machine's time goes to the requests that were admitted.
import type { FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import type { Ticket } from './batcher.js';
import type { ServeContext } from './context.js';
import { ServeError } from './errors.js';
import { stateOf } from './lifecycle.js';
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

interface Places {
  model: ServedModel | undefined;
  ticket: Ticket | undefined;
}

const places = new WeakMap<FastifyRequest, Places>();

const notReady = () => new ServeError('NOT_READY', 'the models are still loading: try again shortly', { retryAfter: 2 });

/**
 * The route-level hook that admits a request or refuses it with 503. `modelOf` names the model the
 * request will use when the URL says (its queue gets one place now); `undefined` when only the body
 * will tell.
 */
export function admit(ctx: ServeContext, modelOf: (req: FastifyRequest) => ServedModel | undefined): onRequestAsyncHookHandler {
  return async (req) => {
    if (ctx.phase() === 'stopping') {
      throw new ServeError('SHUTTING_DOWN', 'the server is shutting down: send the request to another replica');
    }
    if (!ctx.loaded()) throw notReady();
    if (!ctx.admission.tryAcquire()) {
      throw new ServeError('OVERLOADED', `the server is answering ${ctx.admission.max} requests already: try again shortly`);
    }
    const p: Places = { model: undefined, ticket: undefined };
    places.set(req, p);
    stateOf(req).releases.push(() => {
      ctx.admission.release();
      if (p.model && p.ticket) p.model.batcher.release(p.ticket);
    });
    const model = modelOf(req);
    if (model) {
      p.ticket = model.batcher.reserve(1);
      if (!p.ticket) throw new ServeError('QUEUE_FULL', `the queue of ${model.name} is full: try again shortly`);
      p.model = model;
    }
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
