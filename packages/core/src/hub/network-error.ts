import { HubError } from './errors.js';

/** The innermost `code` of an error and its causes (undici puts `ECONNREFUSED` on `err.cause`). */
function systemCode(err: unknown): string | undefined {
  let e: unknown = err;
  let code: string | undefined;
  for (let depth = 0; e !== null && typeof e === 'object' && depth < 6; depth++) {
    const c = (e as { code?: unknown }).code;
    if (typeof c === 'string') code = c;
    e = (e as { cause?: unknown }).cause;
  }
  return code;
}

/**
 * What a failed request means, in words: `fetch` says only "fetch failed" (Node) or "Failed to
 * fetch" (browsers), the reason is in its cause's `code`. `host` is the server asked.
 */
export function describeNetworkFailure(err: unknown, host: string): string {
  const code = systemCode(err);
  switch (code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_NONAME':
      return `cannot resolve the host ${host} (${code}): no network, or a wrong endpoint`;
    case 'ECONNREFUSED':
      return `connection refused by ${host} (${code}): nothing listens there; check the endpoint`;
    case 'ECONNRESET':
    case 'EPIPE':
    case 'UND_ERR_SOCKET':
      return `the connection to ${host} was closed (${code})`;
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
      return `connecting to ${host} timed out (${code})`;
    case 'ENETUNREACH':
    case 'EHOSTUNREACH':
      return `${host} is unreachable (${code}): no route to it`;
    case 'CERT_HAS_EXPIRED':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
      return `the TLS certificate of ${host} was refused (${code})`;
    default: {
      const message = err instanceof Error ? err.message : String(err);
      return `the request to ${host} failed (${code ?? message}): no network, a blocked request (CORS, a proxy) or the server is down`;
    }
  }
}

/** A request that got no answer: `HUB_NETWORK` with the reason in words, the original error as `cause`. */
export function hubNetworkError(err: unknown, url: string, file: string | undefined): HubError {
  const host = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]+)/i.exec(url)?.[1] ?? url;
  return new HubError('HUB_NETWORK', describeNetworkFailure(err, host), file, { cause: err });
}
