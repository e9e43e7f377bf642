// Every request from its first byte to its socket's close, whatever happens in between: the
// in-flight gauge, the count by final status (499 when the client left before its answer, as nginx
// logs it; 408 when the server timed the request out), its latency, the request id, and the abort
// signal that takes its queued work out of the queue once nobody waits for it.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ServeError } from './errors.js';
import type { ServeMetrics } from './metrics.js';

export interface RequestState {
  /** Also in the answer's `X-Request-Id` and the log line. */
  readonly id: string;
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  /** Aborted when the client goes away or the request times out while it is read. */
  readonly controller: AbortController;
  /** Status to count when the response never finished because the server ended the request (408). */
  endedBy?: number;
  /** Run once, when the socket's work for this request is over (admission's permit, queue places). */
  readonly releases: (() => void)[];
}

const states = new WeakMap<IncomingMessage, RequestState>();
const current = new WeakMap<Socket, RequestState>();

/** The state of a request (created by `trackRequests`' first hook). */
export function stateOf(req: FastifyRequest): RequestState {
  const s = states.get(req.raw);
  if (!s) throw new Error('serve: request not tracked');
  return s;
}

/** The request a socket is answering now, if any (for errors raised on the socket itself). */
export function requestOn(socket: Socket): RequestState | undefined {
  return current.get(socket);
}

/**
 * The caller's `X-Request-Id` (a balancer's) when it is a sane token, so that one id follows the
 * request through both logs; else a fresh one.
 */
export function requestId(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && /^[\w.:@-]{1,128}$/.test(given) ? given : randomUUID();
}

export function trackRequests(app: FastifyInstance, metrics: ServeMetrics): { inFlight(): number } {
  let inFlight = 0;
  app.addHook('onRequest', async (req, reply) => {
    const start = performance.now();
    const state: RequestState = { id: req.id, req: req.raw, res: reply.raw, controller: new AbortController(), releases: [] };
    states.set(req.raw, state);
    current.set(req.socket, state);
    inFlight++;
    metrics.inFlight.inc();
    reply.header('x-request-id', req.id);
    // 'close' comes for every response: after 'finish', or when the socket closed first.
    reply.raw.once('close', () => {
      if (current.get(req.socket) === state) current.delete(req.socket);
      for (const release of state.releases.splice(0)) release();
      const finished = reply.raw.writableFinished;
      if (!finished) state.controller.abort(new ServeError('CLIENT_CLOSED', 'the client closed the connection before its answer'));
      inFlight--;
      metrics.inFlight.dec();
      const route = req.routeOptions.url ?? 'unmatched';
      const status = finished ? reply.raw.statusCode : (state.endedBy ?? 499);
      metrics.requests.inc({ route, method: req.method, status: String(status) });
      metrics.latency.observe({ route }, (performance.now() - start) / 1000);
    });
  });
  return { inFlight: () => inFlight };
}
