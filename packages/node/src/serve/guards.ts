// Checks every request passes before its route: a body in a coding the server can read, and the
// API key (probes and metrics stay open: a load balancer probes without keys).
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { ServeError } from './errors.js';

export const OPEN_ROUTES: ReadonlySet<string> = new Set(['/health', '/ready', '/metrics', '/v2/health/live', '/v2/health/ready']);

const digest = (s: string) => createHash('sha256').update(s).digest();

/** `Authorization: Bearer <key>`, the scheme in any case (RFC 9110: schemes are case-insensitive). */
export function bearerMatches(header: string | undefined, key: string): boolean {
  const m = /^bearer[ \t]+(\S+)[ \t]*$/i.exec(header ?? '');
  // Digests are compared so that the time taken says nothing about the key, not even its length.
  return m !== null && timingSafeEqual(digest(m[1]), digest(key));
}

/**
 * What the guards refuse a request for, if anything: a body coding Node does not undo (it removes
 * the chunked framing only: `gzip, chunked` would reach the JSON parser compressed; RFC 9112: 501
 * for a transfer coding the server does not understand), or a missing or wrong key.
 */
export function guardRefusal(path: string, headers: IncomingHttpHeaders, apiKey: string | undefined): ServeError | undefined {
  const te = headers['transfer-encoding'];
  if (te !== undefined && te.trim().toLowerCase() !== 'chunked') {
    return new ServeError('UNSUPPORTED_TRANSFER_ENCODING', `Transfer-Encoding: ${te} is not supported: send the body as is or chunked`);
  }
  const ce = headers['content-encoding'];
  if (ce !== undefined && ce.trim().toLowerCase() !== 'identity') {
    return new ServeError('UNSUPPORTED_CONTENT_ENCODING', `Content-Encoding: ${ce} is not supported: send the body uncompressed`);
  }
  if (apiKey !== undefined && !OPEN_ROUTES.has(path) && !bearerMatches(headers.authorization, apiKey)) {
    return new ServeError('UNAUTHORIZED', 'send Authorization: Bearer <api key>');
  }
  return undefined;
}

export function guardRequests(app: FastifyInstance, apiKey: string | undefined): void {
  app.addHook('onRequest', async (req) => {
    const refused = guardRefusal(req.url.split('?')[0], req.headers, apiKey);
    if (refused) throw refused;
  });
}
