// The request path every protocol shares: find the model, run with a deadline, turn failures into
// `ServeError`s with the right status.
import type { FastifyRequest } from 'fastify';
import { placesFor, requestSignal } from './admission.js';
import type { Outcome } from './batcher.js';
import type { ServeContext } from './context.js';
import { fromErrorData, ServeError } from './errors.js';
import type { ServedModel } from './served-model.js';

export function findModel(ctx: Pick<ServeContext, 'loaded' | 'defaultModel' | 'models'>, name: string | undefined): ServedModel {
  if (!ctx.loaded()) throw new ServeError('NOT_READY', 'the models are still loading: try again shortly', { retryAfter: 2 });
  const model = name === undefined ? ctx.defaultModel() : ctx.models.get(name);
  if (!model) {
    throw new ServeError(
      'UNKNOWN_MODEL',
      `no model named ${JSON.stringify(name)} is served (served: ${[...ctx.models.keys()].join(', ')})`,
    );
  }
  return model;
}

/**
 * Runs `work` with the server's per-request timeout; queued inputs are dropped when it expires or
 * when `request` aborts (the client went away).
 */
export async function withDeadline<T>(
  ctx: Pick<ServeContext, 'timeoutMs'>,
  work: (signal: AbortSignal) => Promise<T>,
  request?: AbortSignal,
): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const err = new ServeError('TIMEOUT', `the request took longer than ${ctx.timeoutMs} ms: try again or send fewer inputs`);
      controller.abort(err);
      reject(err);
    }, ctx.timeoutMs);
  });
  const onGone = () => controller.abort(request?.reason);
  request?.addEventListener('abort', onGone, { once: true });
  try {
    request?.throwIfAborted();
    return await Promise.race([work(controller.signal), expired]);
  } finally {
    clearTimeout(timer);
    request?.removeEventListener('abort', onGone);
  }
}

/** The values of a request's outcomes, or the first failure as an HTTP error. */
export function unwrap<T>(outcomes: Outcome<T>[]): T[] {
  return outcomes.map((o) => {
    if (o.ok) return o.value;
    throw fromErrorData(o.error);
  });
}

/**
 * The pipeline results of a request's inputs: queue places for all of them (QUEUE_FULL when they do
 * not fit), the per-request token budget (413), then the batcher, under the deadline and cancelled
 * when the client goes away.
 */
export async function answerInputs(
  ctx: ServeContext,
  req: FastifyRequest,
  model: ServedModel,
  inputs: unknown[],
  options: Record<string, unknown>,
): Promise<{ values: unknown[]; tokens: number }> {
  const ticket = placesFor(req, model, inputs.length);
  const items = model.measure(inputs);
  const tokens = items.reduce((n, i) => n + (i.tokens ?? 1), 0);
  if (tokens > ctx.maxRequestTokens) {
    throw new ServeError(
      'TOO_MANY_TOKENS',
      `the inputs have ${tokens} tokens; at most ${ctx.maxRequestTokens} per request: send fewer or shorter inputs`,
    );
  }
  const values = unwrap(await withDeadline(ctx, (signal) => model.run(items, options, { signal, ticket }), requestSignal(req)));
  return { values, tokens };
}
