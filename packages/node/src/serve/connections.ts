// The HTTP connection around the routes, as nginx handles it: a timeout per phase (headers, the
// whole request, keep-alive idle), a cap on open connections, `{ error, code }` answers to what
// Node's parser refuses (400, 431) or times out (408), and lingering close — a client still sending
// when it is answered early (413, 503) is read to the end (bounded) instead of reset, so that it
// reads its answer.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { ServeError } from './errors.js';
import { requestOn } from './lifecycle.js';
import type { ServeMetrics } from './metrics.js';

export interface ConnectionLimits {
  /** The request line and headers must arrive within this (408). */
  headerTimeoutMs: number;
  /** The whole request, body included, must arrive within this (408); also how long an early answer keeps reading. */
  bodyTimeoutMs: number;
  /** An idle keep-alive connection is closed after this. */
  keepAliveTimeoutMs: number;
  /** Connections open at once; more are closed at accept. */
  maxConnections: number;
}

/**
 * The HTTP server with the limits (fastify's `serverFactory`): `front` sees every request first and
 * answers `true` when it answered the request itself.
 */
export function httpServerFactory(limits: ConnectionLimits, front: (req: IncomingMessage, res: ServerResponse) => boolean) {
  return (handler: (req: IncomingMessage, res: ServerResponse) => void): Server => {
    const server = createServer(
      {
        headersTimeout: limits.headerTimeoutMs,
        requestTimeout: limits.bodyTimeoutMs,
        // Node checks both timeouts on this period (30 s by default), which would stretch them.
        connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(limits.headerTimeoutMs / 4))),
      },
      (req, res) => {
        if (!front(req, res)) handler(req, res);
      },
    );
    server.keepAliveTimeout = limits.keepAliveTimeoutMs;
    server.maxConnections = limits.maxConnections;
    return server;
  };
}

const lingering = new WeakSet<Socket>();
/** Sockets answered early whose request body is still being read and dropped. */
const discarding = new WeakSet<Socket>();

/** Writes `answer`, half-closes, then reads and drops whatever the client still sends until it closes or `ms` pass. */
export function lingerClose(socket: Socket, answer: string, ms: number): void {
  lingering.add(socket);
  socket.end(answer);
  socket.resume();
  const timer = setTimeout(() => socket.destroy(), ms);
  timer.unref();
  socket.once('end', () => socket.destroy());
  socket.once('close', () => clearTimeout(timer));
}

function rawAnswer(e: ServeError, requestId: string | undefined): string {
  const body = JSON.stringify({ error: e.message, code: e.code });
  const id = requestId ? `X-Request-Id: ${requestId}\r\n` : '';
  return `HTTP/1.1 ${e.status} ${e.status === 408 ? 'Request Timeout' : e.status === 431 ? 'Request Header Fields Too Large' : 'Bad Request'}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n${id}Connection: close\r\n\r\n${body}`;
}

/** What a parser or timeout error on a socket is answered with; `undefined`: nobody to answer (the client left). */
function socketError(err: NodeJS.ErrnoException & { reason?: string }, limits: ConnectionLimits): ServeError | undefined {
  switch (err.code) {
    case 'ECONNRESET':
    case 'HPE_INVALID_EOF_STATE':
      return undefined;
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return new ServeError(
        'REQUEST_TIMEOUT',
        `the request did not arrive in time (headers within ${limits.headerTimeoutMs} ms, the whole request within ${limits.bodyTimeoutMs} ms)`,
      );
    case 'HPE_HEADER_OVERFLOW':
      return new ServeError('HEADERS_TOO_LARGE', 'the request headers are over the limit (16 KiB): send smaller headers');
    default:
      return err.code?.startsWith('HPE_')
        ? new ServeError('BAD_REQUEST', `the request is not valid HTTP/1.1 (${err.reason ?? err.code})`)
        : undefined;
  }
}

/** Fastify's `clientErrorHandler`: errors of the socket itself, before or while a request is read. */
export function clientErrorHandler(limits: ConnectionLimits) {
  return (err: NodeJS.ErrnoException, socket: Socket): void => {
    if (socket.destroyed || lingering.has(socket)) return;
    const state = requestOn(socket);
    // An answer already went out (an early 413 whose body is still being read): nothing more to say.
    if (state?.res.headersSent || discarding.has(socket)) {
      socket.destroy();
      return;
    }
    const e = socketError(err, limits);
    if (!e || !socket.writable) {
      socket.destroy();
      return;
    }
    if (state) {
      state.endedBy = e.status;
      state.controller.abort(e);
    }
    lingerClose(socket, rawAnswer(e, state?.id), limits.bodyTimeoutMs);
  };
}

/** Reads and drops the rest of a request body after its early answer; cuts the connection if that takes over `ms`. */
function discardRest(req: IncomingMessage, ms: number): void {
  if (req.complete) return;
  const socket = req.socket;
  discarding.add(socket);
  const timer = setTimeout(() => socket.destroy(), ms);
  timer.unref();
  const done = () => {
    clearTimeout(timer);
    discarding.delete(socket);
  };
  req.once('end', done);
  req.once('close', done);
  req.resume();
}

/**
 * Caps and counts connections; answers early without resetting the client. `closing()`: answers
 * close their connection (when the request was read in full) so that a drain ends.
 */
export function guardConnections(app: FastifyInstance, limits: ConnectionLimits, metrics: ServeMetrics, closing: () => boolean) {
  const server: Server = app.server;
  server.on('drop', () => metrics.connectionsDropped.inc());
  let open = 0;
  server.on('connection', (socket: Socket) => {
    open++;
    socket.once('close', () => open--);
  });
  app.addHook('onSend', async (req, reply) => {
    if (!req.raw.complete) {
      // Closing now would reset a connection the client is still writing to, and it would never
      // read this answer: keep it, read the rest, and let keep-alive (or the drain) close it.
      reply.removeHeader('connection');
      reply.raw.once('finish', () => discardRest(req.raw, limits.bodyTimeoutMs));
    } else if (closing()) {
      reply.header('connection', 'close');
    }
  });
  return { open: () => open };
}
