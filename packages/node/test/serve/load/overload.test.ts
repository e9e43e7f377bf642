// One server past its capacity (autocannon, 400 connections, a small queue): every request gets an
// answer — 200, or a 503 refusal that costs no work — none is reset or lost, the probes answer all
// along, and /metrics counts exactly what was sent; then slowloris sockets are timed out while
// others are served. Facts only (statuses, counts), never timings: `pnpm bench` has the figures.
import autocannon from 'autocannon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConvBertServer, serve } from '../../../dist/index.js';
import { connect, metric, metrics, parseRaw, postJson, until } from '../helpers.js';

let server: ConvBertServer;
beforeAll(async () => {
  server = await serve({
    port: 0,
    log: false,
    workers: 1,
    maxQueue: 16,
    maxConcurrentRequests: 64,
    headerTimeoutMs: 2000,
    bodyTimeoutMs: 4000,
  });
  await server.ready;
});
afterAll(() => server?.close());

/** GETs `paths` one after another until `stop()`; every status. */
function probe(paths: string[]) {
  const statuses: number[] = [];
  let stopping = false;
  const running = (async () => {
    while (!stopping) {
      for (const p of paths) statuses.push((await fetch(`${server.url}${p}`)).status);
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  return {
    stop: async () => {
      stopping = true;
      await running;
      return statuses;
    },
  };
}

describe('overload', () => {
  it('answers every request with 200 or a 503 refusal, keeps the probes up, and counts exactly', async () => {
    const AMOUNT = 8000;
    const probes = probe(['/health', '/ready']);
    const result = await autocannon({
      url: `${server.url}/`,
      connections: 400,
      amount: AMOUNT,
      timeout: 30,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ inputs: 'a gorgeous, witty, seductive movie.' }),
    });
    const probed = await probes.stop();
    expect([result.errors, result.timeouts, result.resets]).toEqual([0, 0, 0]);
    const counts: Record<string, number> = Object.fromEntries(
      Object.entries(result.statusCodeStats ?? {}).map(([s, v]) => [s, v.count ?? 0]),
    );
    expect(Object.keys(counts).sort()).toEqual(['200', '503']);
    expect(counts['200'] + counts['503']).toBe(AMOUNT);
    expect(probed.length).toBeGreaterThan(0);
    expect(probed.filter((s) => s !== 200)).toEqual([]);

    const text = await metrics(server.url);
    expect(metric(text, 'convbert_requests_total', 'route="/",method="POST",status="200"')).toBe(counts['200']);
    expect(metric(text, 'convbert_requests_total', 'route="/",method="POST",status="503"')).toBe(counts['503']);
    expect(metric(text, 'convbert_requests_in_flight')).toBe(1);
    expect(metric(text, 'convbert_requests_admitted')).toBe(0);
    expect(metric(text, 'convbert_queue_depth', 'model="convbert-mini-sst2"')).toBe(0);
  });

  it('times out slowloris sockets (408) while other requests are answered', async () => {
    const slow = await Promise.all(Array.from({ length: 300 }, () => connect(server.url, 'POST / HTTP/1.1\r\nHost: x\r\nContent-Ty')));
    expect((await postJson(`${server.url}/`, { inputs: 'served meanwhile' })).status).toBe(200);
    const answers = await Promise.all(slow.map((c) => c.closed.then((raw) => parseRaw(raw).status)));
    expect(answers.filter((s) => s !== 408)).toEqual([]);
    // The server closes its side once each client has read its 408 and closed.
    await until(async () => metric(await metrics(server.url), 'convbert_connections') <= 2, 'the slow sockets closed');
  });
});
