// The server's log: one JSON line (pino) per 5xx answer that is a failure, with its code, its cause
// and the request id the client got in `X-Request-Id`. Load shedding and drain refusals are expected
// 503s: the metrics count them, and the log shows them only at `debug`.
import type { FastifyRequest } from 'fastify';
import { pino } from 'pino';
import { type ServeError, SHEDDING_CODES } from './errors.js';
import type { ServeLogOptions } from './options.js';

export interface ServeLog {
  /** An error answer, logged when it is a 5xx (shedding at `debug` only). */
  answered(req: FastifyRequest, e: ServeError): void;
  /** A lifecycle step (drain phases), at `info`. */
  step(message: string): void;
}

export function createLog(options: false | ServeLogOptions | undefined): ServeLog | undefined {
  if (options === false) return undefined;
  const logger = pino(
    { level: options?.level ?? 'error', base: { name: 'convbert-serve' } },
    options?.stream ?? pino.destination({ dest: 2, sync: true }),
  );
  return {
    answered(req, e) {
      if (e.status < 500) return;
      const shedding = SHEDDING_CODES.has(e.code);
      if (shedding && !logger.isLevelEnabled('debug')) return;
      const fields = { reqId: req.id, method: req.method, url: req.url, status: e.status, code: e.code, err: e.cause };
      if (shedding) logger.debug(fields, e.message);
      else logger.error(fields, e.message);
    },
    step(message) {
      logger.info(message);
    },
  };
}
