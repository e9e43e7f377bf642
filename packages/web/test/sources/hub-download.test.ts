// The browser hub source under the rules the Node loader keeps (issue 22): the token only to the
// endpoint's origin (defect 5), a total deadline and a size bound (defect 13). Servers listen on
// 127.0.0.1; the redirect tests use a recording fetch, since a downgrade to http on the same host
// and port needs TLS (packages/node/test/sources/token-origin.test.ts does it over a real socket).
import { LIMITS_FILE_BYTES as SIZE, startLimitsHub } from '@convbert/test-fixtures/hub-server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ConvBertModel, WebHubSource } from '../../src/index.js';

const TOKEN = 'hf_secret_token';
const ENDPOINT = 'https://127.0.0.1:8443';

interface Hop {
  url: string;
  redirect: string | undefined;
  authorization: string | null;
}

/** The hub's answers: `down.json` redirects to plain http on the same host and port, `same.json` within the origin. */
function route(url: string): Response {
  if (url === `${ENDPOINT}/o/r/resolve/main/down.json`)
    return new Response(null, { status: 302, headers: { location: 'http://127.0.0.1:8443/store/down.json' } });
  if (url === `${ENDPOINT}/o/r/resolve/main/same.json`)
    return new Response(null, { status: 302, headers: { location: '/store/same.json' } });
  if (url.endsWith('/store/down.json') || url.endsWith('/store/same.json')) return new Response('{"ok":true}', { status: 200 });
  return new Response('not found', { status: 404 });
}

/**
 * A fetch that follows redirects itself and keeps every header on each hop, as a runtime without
 * the Fetch standard's cross-origin rule would; with `redirect: 'manual'` it hands the 3xx back
 * (Node, Deno, Bun, workerd) or, with `opaque`, an `opaqueredirect` as browsers do.
 */
function recordingFetch(hops: Hop[], opaque = false): typeof fetch {
  return (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    let url = String(input);
    const authorization = new Headers(init.headers).get('authorization');
    for (;;) {
      hops.push({ url, redirect: init.redirect, authorization });
      const res = route(url);
      if (res.status < 300 || res.status >= 400) return res;
      if (init.redirect === 'manual') return opaque ? Object.defineProperty(new Response(null), 'type', { value: 'opaqueredirect' }) : res;
      // Browsers drop Authorization when a redirect changes the origin; this runtime does not.
      url = new URL(res.headers.get('location') as string, url).href;
    }
  }) as typeof fetch;
}

describe('the token and redirects', () => {
  it('is not sent over plain http when an https endpoint redirects there on the same host and port', async () => {
    const hops: Hop[] = [];
    const src = new WebHubSource('o/r', { endpoint: ENDPOINT, token: TOKEN, cache: false, fetch: recordingFetch(hops) });
    expect(new TextDecoder().decode(await src.read('down.json'))).toBe('{"ok":true}');
    expect(hops.map((h) => [h.url, h.authorization])).toEqual([
      [`${ENDPOINT}/o/r/resolve/main/down.json`, `Bearer ${TOKEN}`],
      ['http://127.0.0.1:8443/store/down.json', null],
    ]);
  });

  it('is kept on a redirect within the same origin', async () => {
    const hops: Hop[] = [];
    const src = new WebHubSource('o/r', { endpoint: ENDPOINT, token: TOKEN, cache: false, fetch: recordingFetch(hops) });
    await src.read('same.json');
    expect(hops.map((h) => h.authorization)).toEqual([`Bearer ${TOKEN}`, `Bearer ${TOKEN}`]);
  });

  it('where redirects are hidden from scripts (browsers), the browser follows them', async () => {
    const hops: Hop[] = [];
    const src = new WebHubSource('o/r', { endpoint: ENDPOINT, token: TOKEN, cache: false, fetch: recordingFetch(hops, true) });
    expect(new TextDecoder().decode(await src.read('same.json'))).toBe('{"ok":true}');
    expect(hops.map((h) => h.redirect)).toEqual(['manual', 'follow', 'follow']);
  });
});

let hub: Awaited<ReturnType<typeof startLimitsHub>>;

describe('deadlineMs and maxBytes', () => {
  beforeAll(async () => {
    hub = await startLimitsHub();
  });
  afterAll(() => hub.close());
  beforeEach(() => {
    hub.requests.length = 0;
  });
  const source = (repo: string, o: object) => new WebHubSource(repo, { endpoint: hub.endpoint, cache: false, ...o });

  it('deadlineMs ends a trickling download that the idle timeout lets through', async () => {
    await expect(source('l/trickle', { timeoutMs: 5_000, deadlineMs: 1_500 }).read('weights.bin')).rejects.toMatchObject({
      code: 'HUB_DEADLINE',
      message: expect.stringContaining('deadlineMs (1500 ms)'),
    });
  }, 15_000);

  it('maxBytes refuses an announced size above it before reading the body', async () => {
    await expect(source('l/big', { maxBytes: 10_000 }).read('weights.bin')).rejects.toMatchObject({
      code: 'HUB_TOO_LARGE',
      message: expect.stringContaining(`announces ${SIZE} bytes, more than maxBytes (10000)`),
    });
    expect(hub.sentTo('l/big')).toBeLessThanOrEqual(4096);
  }, 15_000);

  it('maxBytes stops an unannounced body once it passes the bound', async () => {
    await expect(source('l/unsized', { maxBytes: 10_000 }).read('weights.bin')).rejects.toMatchObject({ code: 'HUB_TOO_LARGE' });
    expect((await source('l/unsized', { maxBytes: SIZE }).read('weights.bin')).byteLength).toBe(SIZE);
  }, 15_000);

  it.each([
    ['maxBytes', 0],
    ['deadlineMs', -5],
    ['deadlineMs', '5000'],
  ])('%s: %j is refused before any request', async (key, value) => {
    expect(() => source('l/big', { [key]: value })).toThrow(expect.objectContaining({ code: 'INVALID_OPTION' }));
    await expect(
      ConvBertModel.fromPretrained('l/big', { endpoint: hub.endpoint, cache: false, [key]: value } as never),
    ).rejects.toMatchObject({ code: 'INVALID_OPTION' });
    expect(hub.requests).toEqual([]);
  });
});
