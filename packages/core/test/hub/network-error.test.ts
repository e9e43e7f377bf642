import { describe, expect, it } from 'vitest';
import { HubError, hubNetworkError } from '../../src/index.js';

// fetch rejects with "fetch failed" (Node) and puts the system error on `cause`.
const failed = (code: string) => new TypeError('fetch failed', { cause: Object.assign(new Error(`${code} x`), { code }) });

describe('hubNetworkError', () => {
  it.each([
    ['ENOTFOUND', 'cannot resolve the host hub.example:8080 (ENOTFOUND)'],
    ['EAI_AGAIN', 'cannot resolve the host hub.example:8080 (EAI_AGAIN)'],
    ['ECONNREFUSED', 'connection refused by hub.example:8080 (ECONNREFUSED)'],
    ['UND_ERR_CONNECT_TIMEOUT', 'connecting to hub.example:8080 timed out'],
    ['ECONNRESET', 'the connection to hub.example:8080 was closed'],
  ])('%s says what happened and keeps the cause', (code, text) => {
    const cause = failed(code);
    const err = hubNetworkError(cause, 'http://hub.example:8080/o/r/resolve/main/config.json', 'o/r@main/config.json');
    expect(err).toBeInstanceOf(HubError);
    expect(err.code).toBe('HUB_NETWORK');
    expect(err.message).toBe(`o/r@main/config.json: ${err.message.slice('o/r@main/config.json: '.length)}`);
    expect(err.message).toContain(text);
    expect(err.cause).toBe(cause);
  });

  it('a browser "Failed to fetch" (no code) names the likely reasons', () => {
    const err = hubNetworkError(new TypeError('Failed to fetch'), 'https://huggingface.co/x', undefined);
    expect(err.message).toContain('the request to huggingface.co failed (Failed to fetch)');
  });
});
