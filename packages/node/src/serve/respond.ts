// The request path every protocol shares: find the model, run with a deadline, turn failures into
// `ServeError`s with the right status.
import type { Outcome } from './batcher.js';
import type { ServeContext } from './context.js';
import { fromErrorData, ServeError } from './errors.js';
import type { ServedModel } from './served-model.js';

export function findModel(ctx: ServeContext, name: string | undefined): ServedModel {
  if (!ctx.isReady()) throw new ServeError('NOT_READY', 'the models are still loading: try again shortly', { retryAfter: 2 });
  const model = name === undefined ? ctx.defaultModel() : ctx.models.get(name);
  if (!model) {
    throw new ServeError(
      'UNKNOWN_MODEL',
      `no model named ${JSON.stringify(name)} is served (served: ${[...ctx.models.keys()].join(', ')})`,
    );
  }
  return model;
}

/** Runs `work` with the server's per-request timeout; queued inputs are dropped when it expires. */
export async function withDeadline<T>(ctx: ServeContext, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const err = new ServeError('TIMEOUT', `the request took longer than ${ctx.timeoutMs} ms: try again or send fewer inputs`);
      controller.abort(err);
      reject(err);
    }, ctx.timeoutMs);
  });
  try {
    return await Promise.race([work(controller.signal), expired]);
  } finally {
    clearTimeout(timer);
  }
}

/** The values of a request's outcomes, or the first failure as an HTTP error. */
export function unwrap<T>(outcomes: Outcome<T>[]): T[] {
  return outcomes.map((o) => {
    if (o.ok) return o.value;
    throw fromErrorData(o.error);
  });
}
