// `convbert serve` under a load generator (autocannon; 127.0.0.1 only; every step bounded in time),
// the server in its own process (`convbert serve`, defaults: one worker thread, the embedded SST-2
// model), the generator in this one, on the same cores:
// 1. req/s and p50/p99 latency of the answers at 1, 8, 64 and 256 connections;
// 2. overload: 1,000 connections on `--max-queue 32`: successes/s against the capacity of 1., the
//    latency of the 503 refusals, and /health's latency meanwhile (probed from a third process);
// 3. a soak at 64 connections: the server's RSS at the start and the end, and /metrics' request
//    count against the requests sent.
// Run: node bench/load-test.bench.mjs   (LOAD_STEP_S=10 per row, LOAD_OVERLOAD_S=20, LOAD_SOAK_S=180;
//      LOAD_STEPS=table,overload,soak to run some of them, the capacity then given as LOAD_CAPACITY)
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { freePort, startReplica } from './lib/fleet.mjs';

const STEP_S = Number(process.env.LOAD_STEP_S ?? 10);
const OVERLOAD_S = Number(process.env.LOAD_OVERLOAD_S ?? 20);
const SOAK_S = Number(process.env.LOAD_SOAK_S ?? 180);
const STEPS = new Set((process.env.LOAD_STEPS ?? 'table,overload,soak').split(','));
const BODY = JSON.stringify({ inputs: 'a gorgeous, witty, seductive movie.' });

const quantile = (sorted, q) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : Number.NaN);
const ms = (v) => (Number.isFinite(v) ? (v < 10 ? v.toFixed(2) : v.toFixed(0)) : '–');

/** autocannon on POST / for `seconds`; latencies of the 503s collected on the side (autocannon's own are of the 2xx). */
async function hammer(url, connections, seconds) {
  const refused = [];
  const run = autocannon({
    url: `${url}/`,
    connections,
    duration: seconds,
    timeout: 60,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: BODY,
  });
  run.on('response', (_client, status, _bytes, time) => {
    if (status === 503) refused.push(time);
  });
  const result = await run;
  refused.sort((a, b) => a - b);
  return { result, refused };
}

/** /health probed from its own process for `seconds`: latencies (ms, sorted) and statuses. */
function probe(url, seconds) {
  const child = spawn(process.execPath, [fileURLToPath(new URL('./lib/probe.mjs', import.meta.url)), `${url}/health`, String(seconds)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (d) => {
    out += d;
  });
  return new Promise((resolve) =>
    child.on('exit', () => {
      const r = JSON.parse(out);
      r.times.sort((a, b) => a - b);
      resolve(r);
    }),
  );
}

async function scrape(url) {
  const text = await (await fetch(`${url}/metrics`)).text();
  const get = (re) => Number(text.match(re)?.[1] ?? 0);
  const byStatus = {};
  // The server's own time per refusal, from its histogram: the bucket bound a quantile falls under.
  const cumulative = new Map();
  for (const [, le, n] of text.matchAll(/^convbert_refusal_duration_seconds_bucket\{le="([^"]+)",code="[^"]+"\} (\d+)/gm)) {
    cumulative.set(le, (cumulative.get(le) ?? 0) + Number(n));
  }
  const refusalUnder = (q) => {
    const total = cumulative.get('+Inf') ?? 0;
    for (const [le, n] of cumulative) if (total > 0 && n >= q * total) return le === '+Inf' ? '∞' : (Number(le) * 1e6).toFixed(0);
    return '–';
  };
  const batches = { sum: get(/^convbert_batch_size_sum\{[^}]*\} (\S+)/m), count: get(/^convbert_batch_size_count\{[^}]*\} (\S+)/m) };
  for (const m of text.matchAll(/^convbert_requests_total\{route="\/",method="POST",status="(\d+)"\} (\d+)/gm))
    byStatus[m[1]] = Number(m[2]);
  return { rss: get(/^convbert_process_resident_memory_bytes (\S+)/m), byStatus, refusalUnder, batches };
}

async function server(flags = []) {
  return startReplica(await freePort(), flags);
}

const out = [];
const print = (line = '') => {
  out.push(line);
  console.log(line);
};

// 1. The default server at 1 to 256 connections.
let capacity = Number(process.env.LOAD_CAPACITY ?? 0);
if (STEPS.has('table')) {
  const s = await server();
  await hammer(s.url, 8, 2); // warm-up
  print(
    `\nconvbert serve (defaults: 1 worker thread, the embedded SST-2 model; ${availableParallelism()} cores shared with autocannon), POST / one sentence, ${STEP_S} s per row\n`,
  );
  print('| connections | req/s | p50 ms | p99 ms | non-2xx | errors |');
  print('|---:|---:|---:|---:|---:|---:|');
  for (const connections of [1, 8, 64, 256]) {
    const { result } = await hammer(s.url, connections, STEP_S);
    capacity = Math.max(capacity, result.requests.average);
    print(
      `| ${connections} | ${result.requests.average.toFixed(0)} | ${ms(result.latency.p50)} | ${ms(result.latency.p99)} | ${result.non2xx} | ${result.errors} |`,
    );
  }
  s.child.kill('SIGTERM');
  await s.exited;
}

// 2. Overload: 1,000 connections on a small queue.
if (STEPS.has('overload')) {
  const s = await server(['--max-queue', '32']);
  await hammer(s.url, 8, 2);
  const health = probe(s.url, OVERLOAD_S);
  const { result, refused } = await hammer(s.url, 1000, OVERLOAD_S);
  const probed = await health;
  const after = await scrape(s.url);
  const ok = result.statusCodeStats?.['200']?.count ?? 0;
  const no = result.statusCodeStats?.['503']?.count ?? 0;
  const okPerS = ok / OVERLOAD_S;
  print(
    `\noverload: 1,000 connections for ${OVERLOAD_S} s on --max-queue 32 (capacity from the table above: ${capacity.toFixed(0)} req/s)\n`,
  );
  print(
    '| successes/s | of capacity | 503/s | 503: server time p50 / p99 µs | 503: seen by the client p50 / p99 ms | inputs per model call | other answers | errors / timeouts | /health p50 / p99 ms | /health not 200 |',
  );
  print('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  print(
    `| ${okPerS.toFixed(0)} | ${((100 * okPerS) / capacity).toFixed(0)} % | ${(no / OVERLOAD_S).toFixed(0)} | ≤ ${after.refusalUnder(0.5)} / ≤ ${after.refusalUnder(0.99)} | ${ms(quantile(refused, 0.5))} / ${ms(quantile(refused, 0.99))} | ${(after.batches.sum / after.batches.count).toFixed(1)} | ${result.non2xx - no} | ${result.errors} / ${result.timeouts} | ${ms(quantile(probed.times, 0.5))} / ${ms(quantile(probed.times, 0.99))} | ${probed.statuses.filter((x) => x !== 200).length} of ${probed.statuses.length} |`,
  );
  s.child.kill('SIGTERM');
  await s.exited;
}

// 3. Soak.
if (STEPS.has('soak')) {
  const s = await server();
  await hammer(s.url, 8, 2);
  const start = await scrape(s.url);
  const { result } = await hammer(s.url, 64, SOAK_S);
  // Requests cut when autocannon stopped are counted once the server sees their sockets close.
  await new Promise((r) => setTimeout(r, 500));
  const end = await scrape(s.url);
  const counted = Object.fromEntries(Object.keys(end.byStatus).map((k) => [k, end.byStatus[k] - (start.byStatus[k] ?? 0)]));
  const total = Object.values(counted).reduce((a, b) => a + b, 0);
  print(`\nsoak: 64 connections for ${SOAK_S} s\n`);
  print('| RSS start MB | RSS end MB | requests sent | answers read | /metrics counted (by status) | counted = sent |');
  print('|---:|---:|---:|---:|---|:---:|');
  print(
    `| ${(start.rss / 2 ** 20).toFixed(0)} | ${(end.rss / 2 ** 20).toFixed(0)} | ${result.requests.sent} | ${result.requests.total} | ${total} (${Object.entries(
      counted,
    )
      .map(([k, v]) => `${k}: ${v}`)
      .join(', ')}) | ${total === result.requests.sent ? 'yes' : 'NO'} |`,
  );
  s.child.kill('SIGTERM');
  await s.exited;
}
